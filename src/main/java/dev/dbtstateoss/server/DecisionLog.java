package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.Decision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log line per decision: node, outcome, reason, milliseconds, and what the rules saw. The same
 * fields travel as the record's single parameter (a {@code Map<String, Object>}) for structured
 * (JSON) logs. Counting is {@link Metrics}'s ({@link Metrics#noteDecision}).
 */
final class DecisionLog {
    private static final Logger LOG = Logger.getLogger("dev.dbtstateoss.decisions");

    private DecisionLog() {}

    static void decision(String node, Decision d, long startNanos) {
        DecisionLabels labels = DecisionLabels.of(d);
        String outcome = labels.outcome();
        String reason = labels.reason();
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        double ms = (System.nanoTime() - startNanos) / 1e6;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", node);
        fields.put("outcome", outcome);
        fields.put("reason", reason);
        fields.put("ms", Math.round(ms * 10) / 10.0);
        fields.put("detail", d.detail());
        if (d.decisionId() != null) {
            fields.put("decision_id", d.decisionId());
        }
        long tenths = Math.round(ms * 10);
        LogRecord r = new LogRecord(Level.INFO, "decision node=" + node + " outcome=" + outcome + " reason=" + reason
                + " ms=" + tenths / 10 + "." + tenths % 10 + " detail=\"" + d.detail() + "\"");
        r.setLoggerName(LOG.getName());
        r.setParameters(new Object[] {fields});
        LOG.log(r);
    }

    static void refused(String method, String why) {
        LOG.warning("refused " + method + ": " + why);
    }

    static void failed(String method, Throwable t) {
        LOG.log(Level.SEVERE, method + " failed; answering safely", t);
    }

    static void warn(String message) {
        LOG.warning(message);
    }
}
