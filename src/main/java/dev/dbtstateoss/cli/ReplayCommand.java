package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.StateStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replay}: re-sends recorded calls and compares the answers with the recorded ones. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Re-send recorded calls (files written by `serve --capture`, or recordings of the hosted service in the same"
                    + " format), in order, and compare each answer with the recorded one.",
            "The calls go to a fresh engine in this process (an empty memory store unless --store local), with their"
                    + " recorded headers: x-submitted-at-epoch is \"now\" for each decision. --target sends them to a"
                    + " running server instead.",
            "Ids a server makes up (request_id, execution_decision_id, execution_id, session_id) are compared by shape"
                    + " and consistency; a recorded request_id is replaced by the one our server issued before it is"
                    + " confirmed. A broken line, an unknown method or an unknown field is reported with its line"
                    + " number and the replay goes on."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every call was replayed and gave the recorded answer",
            "1:some answer differs, or some line could not be replayed",
            "2:bad usage or input (a FILE missing or unreadable, --dir missing)",
            "3:the store cannot be opened, --target cannot be reached, or a FILE cannot be read to its end"
        })
public final class ReplayCommand implements Callable<Integer> {
    private static final long CALL_DEADLINE_SECONDS = 60;

    @Spec CommandSpec spec;

    @Mixin ReplayStoreOptions store;
    @Mixin ReuseOptions reuse;

    @Option(names = "--target", paramLabel = "HOST:PORT",
            description = "Send the calls to the server at HOST:PORT (plaintext gRPC) instead of an engine in this process.")
    String target;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (the calls that differ, then a summary line) or json (one document with every call,"
                    + " for scripts). Default: ${DEFAULT-VALUE}.")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Capture files, one recorded call per line; several are replayed in the order given, into"
                    + " the same engine.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        String fmt = format.trim().toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new ExitCodes.UserInputException("--format " + format + ": choose text or json");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ExitCodes.UserInputException(f + ": no such file");
            }
            if (!Files.isReadable(f)) {
                throw new ExitCodes.UserInputException(f + ": not readable (permission denied)");
            }
        }
        var parsed = spec.commandLine().getParseResult();
        if (target != null && (parsed.hasMatchedOption("--store") || parsed.hasMatchedOption("--dir"))) {
            throw new ExitCodes.UserInputException("--store and --dir choose the store of the in-process engine;"
                    + " leave them out with --target");
        }
        if (target != null && !target.matches("[^\\s:]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+]:\\d{1,5}")) {
            throw new ExitCodes.UserInputException("--target " + target + ": expected HOST:PORT");
        }
        PrintWriter err = spec.commandLine().getErr();
        ReplayTarget destination;
        if (target != null) {
            try {
                destination = ReplayTarget.remote(target, Duration.ofSeconds(10));
            } catch (ReplayTarget.Unreachable e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        } else {
            try {
                destination = ReplayTarget.inProcess(store.open(), reuse.policy(), m -> err.println("warning: " + m));
            } catch (StateStore.StoreException e) {
                err.println("error: --store " + store.spec().kind().label() + ": " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
        // The in-process server's decision log would print a line per call; the report says more.
        Logger serverLogs = Logger.getLogger("dev.dbtstateoss");
        Level before = serverLogs.getLevel();
        if (target == null) {
            serverLogs.setLevel(Level.OFF);
        }
        ReplayReport report = new ReplayReport(spec.commandLine().getOut(), fmt.equals("json"));
        ReplaySession session = new ReplaySession(destination.channel(), CALL_DEADLINE_SECONDS);
        try (destination) {
            for (Path f : files) {
                if (!replayFile(f, session, report, err)) {
                    return ExitCodes.FAILURE;
                }
            }
        } finally {
            serverLogs.setLevel(before);
        }
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.toString()));
        report.finish(names, session.emptyUnknownFields());
        return report.allMatch() ? ExitCodes.OK : ExitCodes.DIFFERENT;
    }

    /** Replays one file line by line; false (after saying why) when it cannot be read to its end. */
    private static boolean replayFile(Path f, ReplaySession session, ReplayReport report, PrintWriter err) {
        // InputStreamReader replaces bytes that are not UTF-8, so such a line is reported as broken, not fatal.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    report.add(session.replay(f.toString(), number, line));
                }
            }
            return true;
        } catch (IOException e) {
            err.println("error: " + f + ": cannot read (" + e.getMessage() + ")");
            return false;
        }
    }
}
