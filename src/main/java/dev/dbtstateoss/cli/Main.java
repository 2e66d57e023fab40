package dev.dbtstateoss.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code dbt-state-oss <subcommand>}. */
@Command(
        name = "dbt-state-oss",
        description = "Self-hosted decision server for the dbt-state client: answers, for every dbt node,"
                + " whether it can be skipped, and keeps the history in your own storage.",
        subcommands = {
            ServeCommand.class,
            FingerprintCommand.class,
            InspectCommand.class,
            MigrateStoreCommand.class,
            ReplayCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the answer is no (differences found, not the same query)",
            "2:bad usage or input (unknown flag, missing or unreadable file)",
            "3:the command failed (store unreachable, port in use, I/O error)"
        })
public final class Main extends Verb implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    /** Builds the configured command line; tests use this with their own writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(ExitCodes::forException);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(ex));
            return ExitCodes.forException(ex);
        });
        return cl;
    }

    public static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return commandLine(out, err).execute(args);
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
