package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.ExplainedTarget;
import dev.dbtstateoss.history.StoreHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The models of a store with their recorded builds, for {@link Recommendations} (a listing: reports only). */
public final class RecordedModels {
    private RecordedModels() {}

    /** Every target whose latest run is a model build, with all its confirmed runs and its newest stated tolerance. */
    public static List<Recommendations.Model> of(StoreHistory history) {
        Map<String, Explanation> newest = new HashMap<>();
        for (ExplainedTarget t : history.explanations().allExplained()) {
            newest.put(t.latest().targetKey(), t.latest());
        }
        List<Recommendations.Model> out = new ArrayList<>();
        for (RunRecord latest : history.allLatest()) {
            if (latest.kind() != RunKind.SQL || latest.targetTable().isEmpty()) {
                continue;
            }
            Explanation e = newest.get(latest.targetKey());
            long tolerance = e == null ? 0 : Math.max(0, TargetDay.of(e).toleranceSeconds());
            out.add(new Recommendations.Model(latest.targetKey(), latest.targetTable(), latest.displayName(), tolerance,
                    history.runs(latest.targetKey())));
        }
        return out;
    }
}
