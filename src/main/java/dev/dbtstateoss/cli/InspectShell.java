package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.Explanation;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.AggregateCompleter;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * The interactive {@code inspect} prompt: each line is an inspect subcommand, run against the store
 * chosen on the command line; history (up arrow) and tab completion of subcommands and of the
 * target and node names the store holds.
 */
final class InspectShell {
    static final List<String> COMMANDS = List.of("targets", "history", "why", "decisions", "savings", "recommend", "help",
            "quit");

    private final Terminal terminal;
    private final List<String> storeArgs;
    private final StoreHistory history;

    InspectShell(Terminal terminal, List<String> storeArgs, StoreHistory history) {
        this.terminal = terminal;
        this.storeArgs = storeArgs;
        this.history = history;
    }

    int run() {
        // Relation names carry double quotes ("db"."schema"."table"): only single quotes group words.
        DefaultParser parser = new DefaultParser();
        parser.setQuoteChars(new char[] {'\''});
        parser.setEscapeChars(new char[0]);
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).completer(completer()).build();
        PrintWriter out = terminal.writer();
        out.println("dbt-state-oss inspect: " + String.join(", ", COMMANDS) + " (tab completes; quit or Ctrl-D leaves)");
        while (true) {
            String line;
            try {
                line = reader.readLine("inspect> ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return ExitCodes.OK;
            }
            List<String> words = new ArrayList<>(reader.getParser().parse(line, line.length()).words());
            words.removeIf(String::isBlank);
            if (words.isEmpty()) {
                continue;
            }
            if (words.get(0).equals("quit") || words.get(0).equals("exit")) {
                return ExitCodes.OK;
            }
            List<String> args = new ArrayList<>();
            args.add("inspect");
            if (words.get(0).equals("help")) {
                args.add("--help");
            } else {
                args.addAll(words);
                args.addAll(storeArgs);
            }
            Main.commandLine(out, out).execute(args.toArray(String[]::new));
            out.flush();
        }
    }

    /** Subcommands first; then, after history or why, the names the store holds. */
    ArgumentCompleter completer() {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (RunRecord r : history.allLatest()) {
                names.add(InspectTargets.name(r));
                names.add(r.displayName());
            }
            history.explanations().allExplanations().stream().map(Explanation::node).forEach(names::add);
        } catch (RuntimeException e) {
            // No names to complete; the commands still work and will report the store's error.
        }
        ArgumentCompleter c = new ArgumentCompleter(new StringsCompleter(COMMANDS),
                new AggregateCompleter(new StringsCompleter(names)), NullCompleter.INSTANCE);
        c.setStrict(false);
        return c;
    }
}
