package dev.dbtstateoss.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.google.gson.JsonObject;
import dev.dbtstateoss.engine.Fingerprint;
import dev.dbtstateoss.engine.Fingerprinter;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fingerprint FILE.sql [--diff OTHER.sql]}: what the server computes for a piece of SQL. */
@Command(
        name = "fingerprint",
        description = {
            "Print the normalized SQL and hash the server compares between runs of a model (the server's own code).",
            "Two texts with the same hash count as the same query: comments, white space, keyword case and the"
                    + " optional AS of aliases do not matter. A dbt model that still holds Jinja is read from the"
                    + " project's target/compiled/."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed; with --diff: the same query", "1:with --diff: different queries",
            "2:a file is missing, unreadable, not SQL text, or Jinja without compiled SQL"})
public final class FingerprintCommand extends Verb implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.sql", description = "Compiled SQL, or a dbt model file (its compiled SQL is used).")
    Path file;

    @Option(names = "--diff", paramLabel = "OTHER.sql",
            description = "Compare with another file: show the normalized difference and whether it is the same query.")
    Path other;

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "The dbt project whose target/compiled/ holds the compiled SQL (default: found above FILE).")
    Path projectDir;

    @Option(names = "--target", paramLabel = "RELATION",
            description = "Compare with the SQL recorded for this target's last run in the store (see --store, --dir).")
    String target;

    @Mixin StoreOptions store;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = OutputFormat.TextOrJson.class,
            description = "text or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        if (other != null && target != null) {
            throw new ExitCodes.UserInputException("--diff and --target: choose one thing to compare with");
        }
        Fingerprinter fingerprinter = new Fingerprinter(2);
        SqlSource a = SqlSource.read(file, projectDir);
        SqlSource b = other != null ? SqlSource.read(other, projectDir) : target != null ? recorded(target) : null;
        Fingerprint fa = fingerprinter.of(a.sql());
        Fingerprint fb = b == null ? null : fingerprinter.of(b.sql());
        boolean same = fb == null || fa.hash().equals(fb.hash());
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            JsonObject json = describe(a, fa);
            if (b != null) {
                json.add("other", describe(b, fb));
                json.addProperty("same_query", same);
            }
            out.println(JsonOutput.of(json));
        } else if (b == null) {
            print(out, a, fa);
        } else {
            diff(out, a, fa, b, fb, same);
        }
        return same ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** The normalized SQL recorded for a target's last run, as a source to compare with. */
    private SqlSource recorded(String relation) {
        StoreHistory history = StoreReading.open(store);
        RunRecord run = history.allLatest().stream()
                .filter(r -> r.targetTable().equals(relation) || r.displayName().equals(relation))
                .filter(r -> !r.normalizedSql().isEmpty())
                .findFirst()
                .orElseThrow(() -> new ExitCodes.UserInputException("--target " + relation + ": no recorded run with SQL in "
                        + history.store().describe()));
        return new SqlSource(Path.of("recorded:" + relation), run.normalizedSql(),
                "the SQL of the run decided at " + java.time.Instant.ofEpochMilli(run.decidedAtMs()));
    }

    private static JsonObject describe(SqlSource s, Fingerprint f) {
        Fingerprinter.Rendering shown = Fingerprinter.render(s.sql());
        JsonObject o = new JsonObject();
        o.addProperty("file", s.file().toString());
        if (s.note() != null) {
            o.addProperty("note", s.note());
        }
        o.addProperty("hash", f.hash());
        o.addProperty("parsed", shown.parsed());
        o.addProperty("normalized_sql", shown.sql());
        return o;
    }

    private static void print(PrintWriter out, SqlSource s, Fingerprint f) {
        Fingerprinter.Rendering shown = Fingerprinter.render(s.sql());
        out.println("file: " + s.file() + (s.note() == null ? "" : " (" + s.note() + ")"));
        out.println("hash: " + f.hash());
        out.println("parsed: " + (shown.parsed() ? "yes (JSqlParser)" : "no; shown as normalized tokens"));
        out.println("normalized SQL:");
        out.println(shown.sql());
    }

    private void diff(PrintWriter out, SqlSource a, Fingerprint fa, SqlSource b, Fingerprint fb, boolean same) {
        for (SqlSource s : List.of(a, b)) {
            if (s.note() != null) {
                out.println(s.file() + ": " + s.note());
            }
        }
        out.println("--- " + a.file() + "  " + fa.hash().substring(0, 12));
        out.println("+++ " + b.file() + "  " + fb.hash().substring(0, 12));
        List<String> left = clauses(Fingerprinter.render(a.sql()).sql());
        List<String> right = clauses(Fingerprinter.render(b.sql()).sql());
        boolean color = spec.commandLine().getColorScheme().ansi().enabled();
        int shownUpTo = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(left, right).getDeltas()) {
            int at = d.getSource().getPosition();
            for (int i = Math.max(shownUpTo, at - 1); i < at; i++) {
                out.println("  " + left.get(i));
            }
            d.getSource().getLines().forEach(l -> out.println(colored(color, RED, "- " + l)));
            d.getTarget().getLines().forEach(l -> out.println(colored(color, GREEN, "+ " + l)));
            shownUpTo = at + d.getSource().size();
        }
        out.println(same ? "same query: the server treats both as unchanged" : "different queries: the server would rebuild");
    }

    /** The normalized SQL, one clause per line, so that a diff points at the clause that changed. */
    static List<String> clauses(String normalized) {
        String broken = normalized.replaceAll(
                " (?=(SELECT|FROM|WHERE|GROUP|ORDER|HAVING|LIMIT|UNION|LEFT|RIGHT|INNER|FULL|CROSS|JOIN|ON|WITH|AND|OR) )", "\n");
        return Arrays.asList(broken.split("\n"));
    }

    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";

    private static String colored(boolean color, String code, String line) {
        return color ? code + line + "\u001B[0m" : line;
    }
}
