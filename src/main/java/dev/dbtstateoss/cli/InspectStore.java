package dev.dbtstateoss.cli;

import dev.dbtstateoss.history.Retention;
import dev.dbtstateoss.history.StoreContents;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inspect store}: what the store holds, by kind of document, and what the next retention sweep would remove. */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"What the store holds: documents and bytes by kind (runs, decisions never confirmed, SQL texts,"
                + " latest runs, lists, marks, explanations, aggregates), then what serve's next retention sweep would remove"
                + " with the --retain given (the same option as serve's). Reads every document: for inspection, not for a"
                + " store under heavy load."})
public final class InspectStore implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Mixin RetainOption retention;

    @Override
    public Integer call() {
        Duration retain = retention.window();
        StoreHistory history = StoreReading.open(store, organization);
        PrintWriter out = spec.commandLine().getOut();
        out.println("store " + history.store().describe() + " (format " + StoreHistory.FORMAT + ")");
        long documents = 0;
        long bytes = 0;
        for (Map.Entry<String, StoreContents.Count> e : StoreContents.of(history.store()).entrySet()) {
            out.printf(java.util.Locale.ROOT, "  %-32s %,12d documents %,16d bytes%n", e.getKey(), e.getValue().documents(),
                    e.getValue().bytes());
            documents += e.getValue().documents();
            bytes += e.getValue().bytes();
        }
        out.printf(java.util.Locale.ROOT, "  %-32s %,12d documents %,16d bytes%n", "total", documents, bytes);
        Retention.Sweep next = new Retention(history.store(), retain).plan(Instant.now());
        out.println("the next sweep with --retain " + retention.retain + " would remove: " + next.runs() + " runs, "
                + next.pending() + " decisions never confirmed, " + next.sqlTexts() + " SQL texts, " + next.weekLists()
                + " week lists, " + next.explanations() + " explanation batches (" + next.bytes() + " bytes);"
                + " every target's latest run and what decisions read stay");
        out.flush();
        return ExitCodes.OK;
    }
}
