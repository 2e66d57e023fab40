package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.Explanation;
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
import picocli.CommandLine.Option;

/** {@code inspect decisions}: the newest decision about each target, newest first. */
@Command(name = "decisions", description = "The newest decision about each target, newest first, with its reason.")
public final class InspectDecisions extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Option(names = "--limit", defaultValue = "50", description = "How many to show. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Mixin TableFormatOption output;

    @Override
    public Integer call() {
        if (limit <= 0) {
            throw new ExitCodes.UserInputException("--limit " + limit + ": must be positive");
        }
        boolean json = output.json();
        StoreHistory history = StoreReading.open(store, organization);
        List<Explanation> all = new ArrayList<>(history.explanations().allExplanations());
        all.sort(Comparator.comparingLong(Explanation::atMs).reversed());
        List<Explanation> shown = all.subList(0, Math.min(limit, all.size()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Explanation e : shown) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", Instant.ofEpochMilli(e.atMs()).toString());
                row.put("node", e.node());
                row.put("outcome", e.outcome());
                row.put("reason", e.reason());
                row.put("decision_id", e.decisionId());
                row.put("description", e.description());
                rows.add(row);
            }
            out.println(JsonOutput.of(rows));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("AT", "OUTCOME", "REASON", "NODE"));
        for (Explanation e : shown) {
            rows.add(List.of(Instant.ofEpochMilli(e.atMs()).toString(), e.outcome(), e.reason(), e.node()));
        }
        Table.print(out, rows);
        out.println(shown.size() + " of " + all.size() + " targets");
        return ExitCodes.OK;
    }
}
