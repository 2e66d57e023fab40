package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code inspect history TARGET}: every confirmed run of one target. */
@Command(name = "history", description = "Every confirmed run of a target: when, fingerprint, inputs with their timestamps, runtime.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:no recorded runs for TARGET (the closest names are listed)"})
public final class InspectHistory extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Parameters(paramLabel = "TARGET", description = "A relation (\"db\".\"schema\".\"table\"), or a dbt node id (tests).")
    String target;

    @Mixin TableFormatOption output;

    @Override
    public Integer call() {
        StoreHistory history = StoreReading.open(store, organization);
        List<RunRecord> latest = history.allLatest();
        Optional<RunRecord> match = latest.stream().filter(r -> InspectTargets.name(r).equals(target)
                || r.displayName().equals(target)).findFirst();
        if (match.isEmpty()) {
            List<String> close = latest.stream().map(InspectTargets::name)
                    .filter(n -> n.toLowerCase(Locale.ROOT).contains(lastPart(target))).sorted().limit(5).toList();
            spec.commandLine().getErr().println("no recorded runs for " + target
                    + (close.isEmpty() ? "" : "; closest: " + String.join(", ", close)));
            return ExitCodes.USAGE;
        }
        List<RunRecord> runs = history.runs(match.get().targetKey());
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunRecord r : runs) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("request_id", r.requestId());
                row.put("decided_at", Instant.ofEpochMilli(r.decidedAtMs()).toString());
                row.put("confirmed_at", Instant.ofEpochMilli(r.outcome().confirmedAtMs()).toString());
                row.put("fingerprint", r.fingerprint());
                row.put("inputs", r.inputs());
                row.put("target_last_modified", r.outcome().targetLastModifiedMs());
                row.put("runtime_ms", r.outcome().runtimeMs());
                rows.add(row);
            }
            out.println(JsonOutput.of(rows));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("DECIDED AT", "FINGERPRINT", "INPUTS (LAST MODIFIED, MS)", "RUNTIME MS"));
        for (RunRecord r : runs) {
            List<String> inputs = new ArrayList<>();
            r.inputs().forEach((k, v) -> inputs.add(k + "=" + (v == Long.MIN_VALUE ? "none" : v)));
            rows.add(List.of(Instant.ofEpochMilli(r.decidedAtMs()).toString(), r.fingerprint().substring(0, 12),
                    String.join(" ", inputs), Long.toString(r.outcome().runtimeMs())));
        }
        out.println(InspectTargets.name(match.get()) + " (" + match.get().displayName() + ")");
        Table.print(out, rows);
        out.println(runs.size() + " runs");
        return ExitCodes.OK;
    }

    private static String lastPart(String name) {
        String[] parts = name.replace("\"", "").toLowerCase(Locale.ROOT).split("\\.");
        return parts[parts.length - 1];
    }
}
