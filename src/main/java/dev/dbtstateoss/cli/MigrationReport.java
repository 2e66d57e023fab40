package dev.dbtstateoss.cli;

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
                    + " Python dbt-state-oss store are copied as they are, not converted (see docs/stores.md)");
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
}
