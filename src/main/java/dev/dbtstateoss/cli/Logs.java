package dev.dbtstateoss.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One plain line per log record on standard error. (JUL drops its handlers when the JVM shuts down,
 * so shutdown hooks print directly instead of logging.)
 */
final class Logs {
    private Logs() {}

    static void configure(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Formatter plain = new Formatter() {
            @Override
            public String format(LogRecord r) {
                String line = Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " " + formatMessage(r);
                if (r.getThrown() != null) {
                    line += " (" + r.getThrown() + ")";
                }
                return line + System.lineSeparator();
            }
        };
        // A handler of our own: JUL's stream handlers close the stream they replace (System.err).
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    err.print(plain.format(r));
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
        root.addHandler(h);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }
}
