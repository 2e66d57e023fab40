package dev.dbtstateoss.cli;

import dev.dbtstateoss.migration.Migration;
import dev.dbtstateoss.migration.MigrationProgress;
import dev.dbtstateoss.migration.PythonOssImport;
import dev.dbtstateoss.history.FormatUpgrade;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;

/** The closing report of {@code migrate-store} and its exit code. */
final class MigrationReport {
    private MigrationReport() {}

    private static String keys(int n) {
        return n + (n == 1 ? " key" : " keys");
    }

    /** Prints the summary, the per-prefix verification and any conflicts; 0 when all is copied and verified. */
    static int print(PrintWriter out, Migration.Result r, boolean dryRun) {
        int copied = r.count(Migration.Outcome.COPIED);
        int identical = r.count(Migration.Outcome.IDENTICAL);
        int conflicts = r.count(Migration.Outcome.CONFLICT);
        int vanished = r.count(Migration.Outcome.VANISHED);
        out.println((dryRun ? "would copy " : "copied ") + copied + " of " + keys(r.keys()) + " ("
                + MigrationProgress.size(r.bytes()) + "); " + identical + " already there with the same value; "
                + conflicts + (conflicts == 1 ? " conflict" : " conflicts")
                + (vanished > 0 ? "; " + vanished + " gone from the source while copying" : ""));
        if (!r.sourceHasFormat() && r.keys() > 0) {
            out.println("warning: the source has no format marker, so no server of this project wrote it; the files of a"
                    + " Python dbt-state-oss store are copied as they are, not converted: import one with --from-format python-oss");
        }
        for (String key : r.invalidKeys()) {
            out.println("skipped: '" + key + "' is not a key of this store format (not copied)");
        }
        if (!dryRun) {
            int bad = 0;
            for (Migration.Group g : r.groups()) {
                String name = g.prefix().isEmpty() ? "(root)" : g.prefix();
                if (g.ok()) {
                    out.println("verified " + name + "  " + keys(g.keys()) + "  sha256 " + g.sourceSha256().substring(0, 16));
                } else {
                    bad++;
                    out.println("DIFFERS  " + name + "  " + g.verified() + " of " + g.keys() + " keys match  source sha256 "
                            + g.sourceSha256().substring(0, 16) + "  destination sha256 " + g.destinationSha256().substring(0, 16));
                }
            }
            out.println("verification: " + (r.groups().size() - bad) + " of " + r.groups().size() + " prefixes match"
                    + (bad == 0 ? "" : "; " + bad + " differ"));
        }
        for (String c : r.conflicts()) {
            out.println("conflict: " + c);
        }
        out.flush();
        return conflicts == 0 && (dryRun || r.verifiedAll()) ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** Says how many temporary files of interrupted writes were removed from the destination, if any. */
    static void printLeftovers(PrintWriter out, int removed) {
        if (removed > 0) {
            out.println("removed " + removed + (removed == 1 ? " temporary file" : " temporary files")
                    + " left in the destination by interrupted writes");
            out.flush();
        }
    }

    /** Prints the summary of an import from the Python server's store; 0 when every record is imported and verified. */
    static int printImport(PrintWriter out, PythonOssImport.Result r, boolean dryRun) {
        out.println((dryRun ? "would import " : "imported ") + r.imported() + " of " + r.records() + " records from "
                + r.files() + (r.files() == 1 ? " file" : " files") + "; " + r.alreadyThere() + " already there");
        for (String p : r.problems()) {
            out.println("skipped: " + p);
        }
        int bad = 0;
        for (Migration.Group g : r.groups()) {
            bad += g.ok() ? 0 : 1;
            out.println((g.ok() ? "verified " : "DIFFERS  ") + g.prefix() + "  " + g.verified() + " of " + g.keys()
                    + " imported runs read back  sha256 " + g.destinationSha256().substring(0, 16));
        }
        if (!dryRun) {
            out.println("verification: " + (r.groups().size() - bad) + " of " + r.groups().size() + " targets match"
                    + (bad == 0 ? "" : "; " + bad + " differ"));
            out.println("imported runs never let a decision skip: the first build after the move executes every target");
        }
        out.flush();
        return r.problems().isEmpty() && bad == 0 ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** The summary of a copy from format 1 into the current format. */
    static int printUpgrade(PrintWriter out, PrintWriter err, FormatUpgrade.Result u, boolean dryRun) {
        out.println((dryRun ? "would upgrade" : "upgraded") + " store format 1 -> " + StoreHistory.FORMAT + ": " + u.runs()
                + " runs (" + u.confirmed() + " confirmed), " + u.latest() + " targets, " + u.copied()
                + " other documents (marks, explanations, aggregates); the source is unchanged");
        if (!u.mismatches().isEmpty()) {
            err.println("error: " + u.mismatches().size() + " documents did not read back equal, first: " + u.mismatches().get(0));
            return ExitCodes.FAILURE;
        }
        if (!dryRun) {
            out.println("verified: every run and every target's latest run reads back equal to the source");
        }
        return ExitCodes.OK;
    }
}
