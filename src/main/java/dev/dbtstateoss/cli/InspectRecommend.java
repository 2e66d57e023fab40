package dev.dbtstateoss.cli;

import dev.dbtstateoss.report.RecordedModels;
import dev.dbtstateoss.report.Recommendations;
import dev.dbtstateoss.report.Savings;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code inspect recommend}: lag-tolerance recommendations from the recorded builds. */
@Command(name = "recommend", description = {"Lag-tolerance recommendations from the recorded builds of the last 30 days: for each model with at"
                + " least 10 builds, the smallest tolerance that would have saved more than 30 minutes of run time (the 20"
                + " that save most), found by replaying its builds under each candidate tolerance. A build caused by a logic"
                + " change upstream is never counted as avoidable.",
            "Shows the current and recommended tolerance, % of the model's run time saved, the projected 30-day savings,"
                + " and the config line to paste into the model."})
public final class InspectRecommend extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Mixin TableFormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        StoreHistory history = StoreReading.open(store, organization);
        List<Recommendations.Recommendation> found = Recommendations.of(RecordedModels.of(history), System.currentTimeMillis());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.of(found.stream().map(Recommendations.Recommendation::toMap).toList()));
            return ExitCodes.OK;
        }
        if (found.isEmpty()) {
            out.println("no recommendation: no model with at least 10 builds in the last 30 days would have saved more than"
                    + " 30 minutes with a larger lag tolerance");
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("TARGET", "BUILDS", "CURRENT", "RECOMMENDED", "TIME SAVED", "SAVED %", "PROJECTED 30 DAYS", "CONFIG"));
        for (Recommendations.Recommendation r : found) {
            rows.add(List.of(r.target(), Integer.toString(r.builds()), Recommendations.tolerance(r.currentToleranceSeconds()),
                    Recommendations.tolerance(r.recommendedToleranceSeconds()), Savings.duration(r.savedMs()),
                    String.format(Locale.ROOT, "%.1f%%", r.percentSaved()), Savings.duration(r.projected30DaysMs()),
                    r.configLine()));
        }
        Table.print(out, rows);
        out.println(found.size() + " recommendations");
        return ExitCodes.OK;
    }
}
