package dev.dbtstateoss.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

/** What the disk under the stores costs and holds: the floor of a durable write, and a store's size. */
final class DiskMeasures {
    private DiskMeasures() {}

    /** Latencies (ns, sorted) of durable small writes in {@code dir}: a 1 KB file written, synced, its directory synced. */
    static long[] fsyncNanos(Path dir, long millis) throws IOException {
        Files.createDirectories(dir);
        long[] out = new long[1 << 16];
        int n = 0;
        byte[] value = new byte[1024];
        long end = System.nanoTime() + millis * 1_000_000L;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            while (System.nanoTime() < end && n < out.length) {
                Path f = dir.resolve("f" + (n % 64));
                long start = System.nanoTime();
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    c.write(ByteBuffer.wrap(value));
                    c.force(true);
                }
                d.force(true);
                out[n++] = System.nanoTime() - start;
            }
        }
        long[] done = Arrays.copyOf(out, n);
        Arrays.sort(done);
        return done;
    }

    static double percentileMs(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    /** Files and bytes (their sizes) of a store directory, its hidden files (locks, bench markers) left out. */
    record Size(long files, long bytes) {}

    static Size size(Path dir) throws IOException {
        long[] t = new long[2];
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).toString().startsWith(".")).forEach(p -> {
                t[0]++;
                try {
                    t[1] += Files.size(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return new Size(t[0], t[1]);
    }
}
