package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.Decision;

/** A decision's outcome and reason as the decision log and the metrics name them (a bounded set). */
record DecisionLabels(String outcome, String reason) {
    static DecisionLabels of(Decision d) {
        if (d instanceof Decision.Skip s) {
            return new DecisionLabels("SKIP", s.reason().name());
        }
        if (d instanceof Decision.Execute e) {
            return new DecisionLabels("EXECUTE", e.reason().name());
        }
        return new DecisionLabels("CLONE", "EQUIVALENT_ELSEWHERE");
    }
}
