package dev.dbtstateoss.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per log record on standard error: plain text, or one JSON object per line with time,
 * level, logger, message, the record's structured fields (a decision's node, outcome, reason, ms,
 * detail, decision_id) and error. (JUL drops its handlers when the JVM shuts down, so shutdown hooks
 * print directly instead of logging.)
 */
final class Logs {
    /** How log lines are written. */
    enum Format { TEXT, JSON }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private Logs() {}

    static void configure(PrintStream err, Format format) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(handler(err, format));
        root.setLevel(Level.INFO);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    /** A handler of our own: JUL's stream handlers close the stream they replace (System.err). */
    static Handler handler(PrintStream err, Format format) {
        Formatter formatter = format == Format.JSON ? new Json() : new Text();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    err.print(formatter.format(r));
                    err.flush();
                }
            }

            @Override
            public void flush() {
                err.flush();
            }

            @Override
            public void close() {
                err.flush();
            }
        };
        h.setLevel(Level.ALL);
        return h;
    }

    /**
     * One INFO line in the given format, for shutdown hooks: they print it directly because JUL has
     * dropped its handlers by then.
     */
    static String line(Format format, String message) {
        LogRecord r = new LogRecord(Level.INFO, message);
        r.setLoggerName("dev.dbtstateoss.serve");
        return (format == Format.JSON ? new Json() : new Text()).format(r).stripTrailing();
    }

    /** The structured fields a record carries as its only parameter, or null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(LogRecord r) {
        Object[] p = r.getParameters();
        return p != null && p.length == 1 && p[0] instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String message(Formatter f, LogRecord r) {
        // A record with structured fields has its final text as message (no {0} placeholders).
        return fields(r) != null ? r.getMessage() : f.formatMessage(r);
    }

    private static final class Text extends Formatter {
        @Override
        public String format(LogRecord r) {
            String line = Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " " + message(this, r);
            if (r.getThrown() != null) {
                line += " (" + r.getThrown() + ")";
            }
            return line + System.lineSeparator();
        }
    }

    private static final class Json extends Formatter {
        @Override
        public String format(LogRecord r) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", r.getInstant().toString());
            line.put("level", r.getLevel().getName());
            line.put("logger", r.getLoggerName());
            line.put("message", message(this, r));
            Map<String, Object> fields = fields(r);
            if (fields != null) {
                fields.forEach(line::putIfAbsent);
            }
            if (r.getThrown() != null) {
                line.put("error", r.getThrown().toString());
            }
            return GSON.toJson(line) + System.lineSeparator();
        }
    }
}
