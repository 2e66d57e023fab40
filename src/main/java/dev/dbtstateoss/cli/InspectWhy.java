package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code inspect why NODE_OR_TARGET}: the newest decision about a node, in plain words. */
@Command(name = "why", description = {"Why the newest decision about a node or target was taken: which input was newer and by how much,",
            "whether the query or a setting changed, whether the table existed (as the server recorded it)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:no decision recorded for NODE_OR_TARGET (the closest names are listed)"})
public final class InspectWhy extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Parameters(paramLabel = "NODE_OR_TARGET", description = "A dbt node id (model.project.name) or a relation.")
    String name;

    @Mixin TableFormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        StoreHistory history = StoreReading.open(store, organization);
        List<Explanation> all = history.explanations().allExplanations();
        Optional<Explanation> found = all.stream()
                .filter(e -> e.node().equals(name) || e.targetKey().endsWith("|" + name))
                .max(java.util.Comparator.comparingLong(Explanation::atMs));
        if (found.isEmpty()) {
            String last = name.replace("\"", "").toLowerCase(Locale.ROOT);
            last = last.substring(last.lastIndexOf('.') + 1);
            String needle = last;
            List<String> close = all.stream().map(Explanation::node)
                    .filter(n -> n.toLowerCase(Locale.ROOT).contains(needle)).sorted().limit(5).toList();
            spec.commandLine().getErr().println("no decision recorded for " + name
                    + (close.isEmpty() ? "" : "; closest: " + String.join(", ", close)));
            return ExitCodes.USAGE;
        }
        Explanation e = found.get();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.of(e));
            return ExitCodes.OK;
        }
        out.println(e.node() + ": " + e.outcome() + " (" + e.reason() + ") at " + Instant.ofEpochMilli(e.atMs()));
        out.println("  " + e.description());
        for (Explanation.Line line : e.lines()) {
            String mark = line.mark() == Explanation.Mark.SUCCESS ? "ok " : line.mark() == Explanation.Mark.FAIL ? "NO " : "-- ";
            out.println("  " + mark + line.text());
        }
        return ExitCodes.OK;
    }
}
