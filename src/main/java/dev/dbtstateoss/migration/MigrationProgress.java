package dev.dbtstateoss.migration;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a migration: records, bytes, rate and time left. On a terminal one line is redrawn in
 * place (carriage return) a few times a second; otherwise a plain line is printed every few seconds.
 */
public final class MigrationProgress {
    public enum Mode {
        TERMINAL, PLAIN, NONE;

        /** The mode named by {@code --progress}: auto (redrawn on a terminal, else plain lines), plain or none. */
        /** The mode a --progress word names; IllegalArgumentException for another word. */
        public static Mode of(String name) {
            switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "auto":
                    return System.console() != null ? TERMINAL : PLAIN;
                case "plain":
                    return PLAIN;
                case "none":
                    return NONE;
                default:
                    throw new IllegalArgumentException("--progress " + name + ": choose auto, plain or none");
            }
        }
    }

    private final PrintWriter err;
    private final Mode mode;
    private final long intervalNanos;
    private long startNanos;
    private long lastPrintNanos;
    private int total;
    private int done;
    private int lastWidth;

    public MigrationProgress(PrintWriter err, Mode mode) {
        this.err = err;
        this.mode = mode;
        this.intervalNanos = mode == Mode.TERMINAL ? 200_000_000L : 5_000_000_000L;
    }

    synchronized void start(int totalKeys) {
        total = totalKeys;
        done = 0;
        startNanos = System.nanoTime();
        lastPrintNanos = startNanos;
    }

    /** One more key done; {@code bytes} copied so far. */
    synchronized void advance(long bytes) {
        done++;
        long now = System.nanoTime();
        if (now - lastPrintNanos >= intervalNanos) {
            lastPrintNanos = now;
            print(line(bytes, now), false);
        }
    }

    synchronized void finish(long bytes) {
        if (mode == Mode.TERMINAL || done > 0) {
            print(line(bytes, System.nanoTime()), true);
        }
    }

    private void print(String line, boolean last) {
        if (mode == Mode.NONE) {
            return;
        }
        if (mode == Mode.TERMINAL) {
            String padded = line + " ".repeat(Math.max(0, lastWidth - line.length()));
            lastWidth = line.length();
            err.print("\r" + padded + (last ? System.lineSeparator() : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    private String line(long bytes, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = done == 0 || done >= total ? "" : ", about " + duration((total - done) / rate) + " left";
        return String.format(Locale.ROOT, "%d/%d records (%s), %.0f records/s, %s/s%s", done, total, size(bytes), rate,
                size((long) (bytes / seconds)), eta);
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 1) {
            return "under 1 s";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
