package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.ExplainedTarget;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code inspect targets}: every recorded target, its last confirmed run, its runs and decisions counted. */
@Command(name = "targets", description = "List every recorded target with its last confirmed run, its runs, and its decisions by outcome.")
public final class InspectTargets extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Mixin TableFormatOption output;

    @Override
    public Integer call() {
        StoreHistory history = StoreReading.open(store, organization);
        List<RunRecord> latest = new ArrayList<>(history.allLatest());
        Map<String, ExplainedTarget> decisions = new java.util.HashMap<>();
        history.explanations().allExplained().forEach(t -> decisions.put(t.latest().targetKey(), t));
        ExplainedTarget none = new ExplainedTarget(null, 0, 0, 0);
        latest.sort(Comparator.comparing(InspectTargets::name));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunRecord r : latest) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("target", name(r));
                row.put("node", r.displayName());
                row.put("last_run_confirmed_at", Instant.ofEpochMilli(r.outcome().confirmedAtMs()).toString());
                row.put("runs", history.runs(r.targetKey()).size());
                ExplainedTarget d = decisions.getOrDefault(r.targetKey(), none);
                row.put("skips", d.skips());
                row.put("executes", d.executes());
                row.put("clones", d.clones());
                rows.add(row);
            }
            out.println(JsonOutput.of(rows));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("TARGET", "LAST RUN", "RUNS", "SKIPS", "EXECUTES", "CLONES", "NODE"));
        for (RunRecord r : latest) {
            ExplainedTarget d = decisions.getOrDefault(r.targetKey(), none);
            rows.add(List.of(name(r), Instant.ofEpochMilli(r.outcome().confirmedAtMs()).toString(),
                    Integer.toString(history.runs(r.targetKey()).size()), Long.toString(d.skips()),
                    Long.toString(d.executes()), Long.toString(d.clones()), r.displayName()));
        }
        Table.print(out, rows);
        out.println(latest.size() + " targets");
        return ExitCodes.OK;
    }

    static String name(RunRecord r) {
        return r.targetTable().isEmpty() ? r.displayName() : r.targetTable();
    }
}
