package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.Decision;
import java.util.Locale;
import java.util.logging.Logger;

/** One log line per decision: node, outcome, reason, milliseconds, and what the rules saw. */
final class DecisionLog {
    private static final Logger LOG = Logger.getLogger("dev.dbtstateoss.decisions");

    private DecisionLog() {}

    static void decision(String node, Decision d, long startNanos) {
        String outcome;
        String reason;
        if (d instanceof Decision.Skip s) {
            outcome = "SKIP";
            reason = s.reason().name();
        } else if (d instanceof Decision.Execute e) {
            outcome = "EXECUTE";
            reason = e.reason().name();
        } else {
            outcome = "CLONE";
            reason = "EQUIVALENT_ELSEWHERE";
        }
        LOG.info(String.format(Locale.ROOT, "decision node=%s outcome=%s reason=%s ms=%.1f detail=\"%s\"", node, outcome,
                reason, (System.nanoTime() - startNanos) / 1e6, d.detail()));
    }

    static void refused(String method, String why) {
        LOG.warning("refused " + method + ": " + why);
    }

    static void failed(String method, Throwable t) {
        LOG.log(java.util.logging.Level.SEVERE, method + " failed; answering safely", t);
    }

    static void warn(String message) {
        LOG.warning(message);
    }
}
