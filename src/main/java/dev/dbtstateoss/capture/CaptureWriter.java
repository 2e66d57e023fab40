package dev.dbtstateoss.capture;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Appends {@link CaptureRecord}s to a file, one JSON line each, from one background thread fed by
 * a bounded queue, so that recording never delays or fails a call: when the queue is full the
 * record is dropped (one warning for the whole run); when a write fails (disk full, file gone) the
 * capture stops for good (one warning) and the server goes on without it.
 */
public final class CaptureWriter implements AutoCloseable {
    /** Records waiting to be written before new ones are dropped. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final String name;
    private final Writer out;
    private final BlockingQueue<CaptureRecord> queue;
    private final Consumer<String> warnings;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final AtomicBoolean warnedEncoding = new AtomicBoolean();
    private final Thread thread;

    /** Opens {@code file} for appending (creating it); an I/O error here is the caller's to report. */
    public static CaptureWriter open(Path file, Consumer<String> warnings) throws IOException {
        Writer w;
        try {
            w = new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("its directory does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("permission denied", e);
        } catch (FileSystemException e) {
            throw new IOException(e.getReason() != null ? e.getReason() : e.toString(), e);
        }
        return new CaptureWriter(file.toString(), w, DEFAULT_CAPACITY, warnings);
    }

    /** Writes to {@code out} (which this writer closes); {@code name} names it in warnings. */
    public CaptureWriter(String name, Writer out, int capacity, Consumer<String> warnings) {
        this.name = name;
        this.out = out;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.warnings = warnings;
        this.thread = new Thread(this::drain, "capture-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a record without waiting; false when it was dropped or capture has stopped. */
    public boolean offer(CaptureRecord record) {
        if (stopped.get() || closing.get()) {
            return false;
        }
        if (queue.offer(record)) {
            return true;
        }
        if (warnedFull.compareAndSet(false, true)) {
            warnings.accept("capture " + name + ": " + queue.size() + " calls are waiting to be written; calls are dropped"
                    + " from the capture until the writer catches up (the server keeps answering)");
        }
        return false;
    }

    /** True while records are accepted (not stopped by an error, not closed). */
    public boolean accepting() {
        return !stopped.get() && !closing.get();
    }

    private void drain() {
        try {
            while (true) {
                CaptureRecord r = queue.poll(100, TimeUnit.MILLISECONDS);
                if (r == null) {
                    if (closing.get()) {
                        return;
                    }
                    continue;
                }
                write(r);
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            stop("capture " + name + " stopped: cannot write (" + e.getMessage()
                    + "); the server keeps answering without capture");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
    }

    private void write(CaptureRecord r) throws IOException {
        String line;
        try {
            line = r.toJsonLine();
        } catch (RuntimeException e) {
            if (warnedEncoding.compareAndSet(false, true)) {
                warnings.accept("capture " + name + ": a call of " + r.service() + "/" + r.method()
                        + " could not be encoded and was left out (" + e + ")");
            }
            return;
        }
        out.write(line);
        out.write('\n');
    }

    private void stop(String warning) {
        if (stopped.compareAndSet(false, true)) {
            queue.clear();
            warnings.accept(warning);
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException e) {
            stop("capture " + name + ": the last calls may be missing (" + e.getMessage() + ")");
        }
    }

    /** Stops taking records, writes what is queued (waiting up to 10 s) and closes the file. */
    @Override
    public void close() throws InterruptedException {
        closing.set(true);
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
