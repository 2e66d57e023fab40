package dev.dbtstateoss.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One plain line per log record on standard error. */
final class Logs {
    private Logs() {}

    static void configure(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler h = new ConsoleHandler() {
            {
                setOutputStream(err);
            }
        };
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String line = Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " " + formatMessage(r);
                if (r.getThrown() != null) {
                    line += " (" + r.getThrown() + ")";
                }
                return line + System.lineSeparator();
            }
        });
        h.setLevel(Level.ALL);
        root.addHandler(h);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }
}
