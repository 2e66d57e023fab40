package dev.dbtstateoss.cli;

import dev.dbtstateoss.report.DayAggregates;
import dev.dbtstateoss.report.Savings;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inspect savings}: what reuse saved, from the daily figures the server keeps. */
@Command(name = "savings", description = {"What reuse saved, from the daily figures serve keeps (UTC days): decisions, reused and cloned,"
                + " executed, build reduction, warehouse time saved (the runtime of each reused build), and what the hosted"
                + " dbt State service would have billed for the same days: daily active target tables (a table or data test"
                + " reused or cloned at least once on a UTC day; views are free) times --price.",
            "Then the targets that saved the most time and the most common reasons nodes were built instead of reused."})
public final class InspectSavings extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Option(names = "--since", paramLabel = "DATE|Nd", defaultValue = "30d",
            description = "First UTC day: a date (2026-11-01) or a number of days back, today included. Default: ${DEFAULT-VALUE}.")
    String since;

    @Option(names = "--by", paramLabel = "GROUP", defaultValue = "day",
            description = "Rows per day, week, month, project or target. Default: ${DEFAULT-VALUE}.")
    String by;

    @Option(names = "--price", paramLabel = "USD", defaultValue = "0.094",
            description = "The hosted service's price per daily active target table. Default: ${DEFAULT-VALUE}.")
    double price;

    @Mixin TableFormatOption output;

    @Override
    public Integer call() {
        boolean json = output.json();
        Savings.By group = by(by);
        LocalDate first;
        try {
            first = Savings.since(since, LocalDate.now(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException("--since: " + e.getMessage());
        }
        if (price < 0 || Double.isNaN(price)) {
            throw new ExitCodes.UserInputException("--price " + price + ": give a price of zero or more");
        }
        StoreHistory history = StoreReading.open(store, organization);
        Savings.Report report = Savings.of(new DayAggregates(history.store()).since(first), first, group, price);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.of(report.toMap()));
            return ExitCodes.OK;
        }
        print(out, report);
        return ExitCodes.OK;
    }

    static Savings.By by(String value) {
        try {
            return Savings.By.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException("--by " + value + ": choose day, week, month, project or target");
        }
    }

    private static void print(PrintWriter out, Savings.Report report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(report.by().name(), "DECISIONS", "REUSED+CLONED", "EXECUTED", "REDUCTION", "TIME SAVED", "DATT",
                "HOSTED PRICE"));
        for (Savings.Row r : report.rows()) {
            rows.add(cells(r));
        }
        rows.add(cells(report.total()));
        Table.print(out, rows);
        out.printf(Locale.ROOT, "since %s; hosted price at USD %.3f per daily active target table%n", report.since(),
                report.priceUsd());
        if (!report.topTargets().isEmpty()) {
            out.println();
            List<List<String>> top = new ArrayList<>();
            top.add(List.of("TOP TARGETS BY TIME SAVED", "REUSED+CLONED", "TIME SAVED"));
            report.topTargets().forEach(t -> top.add(List.of(t.target(), Long.toString(t.reusedOrCloned()),
                    Savings.duration(t.timeSavedMs()))));
            Table.print(out, top);
        }
        if (!report.notReused().isEmpty()) {
            out.println();
            List<List<String>> why = new ArrayList<>();
            why.add(List.of("NOT REUSED BECAUSE", "DECISIONS"));
            report.notReused().forEach(r -> why.add(List.of(r.reason(), Long.toString(r.count()))));
            Table.print(out, why);
        }
    }

    private static List<String> cells(Savings.Row r) {
        return List.of(r.group(), Long.toString(r.decisions()), Long.toString(r.reusedOrCloned()), Long.toString(r.executed()),
                String.format(Locale.ROOT, "%.1f%%", r.buildReductionPercent()), Savings.duration(r.timeSavedMs()),
                Long.toString(r.dailyActiveTargetTables()), String.format(Locale.ROOT, "USD %.2f", r.hostedPriceUsd()));
    }
}
