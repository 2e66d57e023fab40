package dev.dbtstateoss.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Where the warehouse's timestamps do not move when a column is added (PostgreSQL), a node whose
 * output takes a relation's columns by a star cannot be proven unchanged: a rebuild would have the
 * new column. A relation this server built (it has a lineage with the run) and that is no newer than
 * at the run still has the columns it had then, so a star over it is fine; a source, a relation
 * nothing here built, or one rebuilt since (reused within lag tolerance) is not.
 */
final class Columns {
    private Columns() {}

    static Optional<Rules.Run> check(SqlRequest r, RunRecord last, SelectStar.Result stars) {
        if (stars.unknown()) {
            return Optional.of(run(r, "the SQL does not parse and may select * from a relation"));
        }
        Map<String, Long> inputs = Rules.inputs(r);
        for (String written : stars.relations()) {
            Optional<String> input = SelectStar.match(written, inputs.keySet());
            if (input.isEmpty() && !r.targetTable().isEmpty()
                    && SelectStar.match(written, java.util.List.of(r.targetTable())).isPresent()) {
                continue; // the node's own table ({{ this }}): its columns are the ones its last build left
            }
            if (input.isEmpty()) {
                return Optional.of(run(r, "it selects * from " + written + ", which is not among its stamped inputs"));
            }
            String name = input.get();
            String lineage = last.inputLineages().getOrDefault(name, "");
            Long recorded = last.inputs().get(name);
            if (lineage.isEmpty()) {
                return Optional.of(run(r, "it selects * from " + name + ", which no recorded build made"));
            }
            if (recorded == null || inputs.get(name) > recorded) {
                return Optional.of(run(r, "it selects * from " + name + ", which was rebuilt since the recorded run"));
            }
        }
        return Optional.empty();
    }

    private static Rules.Run run(SqlRequest r, String why) {
        return new Rules.Run(ExecuteReason.COLUMNS_UNPROVABLE, why + "; " + FreshnessSignal.of(r.dialect()).source()
                + " does not move when a column is added, so the columns cannot be proven unchanged");
    }
}
