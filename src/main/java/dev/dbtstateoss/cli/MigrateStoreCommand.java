package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.StateStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code migrate-store}: copies all history and in-flight state from one store backend to another. */
@Command(
        name = "migrate-store",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Copy all history and in-flight state from one store backend to another, then verify the copy"
                    + " (counts and SHA-256 checksums, per target).",
            "Keys are written only where absent, so an interrupted run is resumed by running it again with --merge;"
                    + " a key the destination holds with another value is left alone and reported (exit 1).",
            "Stop the servers using either store first. Example:",
            "  migrate-store --from local --from-dir .state_data --to s3 --to-bucket my-bucket"
        })
public final class MigrateStoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin MigrateFromOptions from;

    @Mixin MigrateToOptions to;

    @Option(names = "--dry-run", description = "Read both stores and report what would be copied; write nothing.")
    boolean dryRun;

    @Option(names = "--merge", description = "Copy into a destination that already holds keys (needed to resume).")
    boolean merge;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Keys copied at once. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Progress on standard error: auto (redrawn on a terminal, a line every 5 s otherwise),"
                    + " plain, or none. Default: ${DEFAULT-VALUE}.")
    String progressMode;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > 64) {
            throw new ExitCodes.UserInputException("--threads " + threads + ": must be between 1 and 64");
        }
        MigrationProgress.Mode mode = progressMode();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StateStore source = open(from.toStoreOptions(), "--from");
                StateStore destination = open(to.toStoreOptions(), "--to")) {
            if (source == null || destination == null) {
                return ExitCodes.FAILURE;
            }
            if (source.describe().equals(destination.describe()) && !source.describe().equals("memory")) {
                throw new ExitCodes.UserInputException("--from and --to name the same store (" + source.describe() + ")");
            }
            long present = Migration.destinationKeys(destination);
            if (present > 0 && !merge) {
                err.println("error: the destination " + destination.describe() + " already holds " + present
                        + " keys; pass --merge to copy into it (that is also how an interrupted migration is resumed)");
                return ExitCodes.USAGE;
            }
            out.println((dryRun ? "dry run: " : "") + "copying " + source.describe() + " -> " + destination.describe());
            out.flush();
            Migration.Result r;
            try {
                r = new Migration(source, destination, threads, new MigrationProgress(err, mode)).run(dryRun);
            } catch (StateStore.StoreException e) {
                err.println("error: " + e.getMessage());
                err.println("nothing copied so far is lost: run the same command again with --merge to resume");
                return ExitCodes.FAILURE;
            }
            return MigrationReport.print(out, r, dryRun);
        }
    }

    private MigrationProgress.Mode progressMode() {
        switch (progressMode.strip().toLowerCase(Locale.ROOT)) {
            case "auto":
                return System.console() != null ? MigrationProgress.Mode.TERMINAL : MigrationProgress.Mode.PLAIN;
            case "plain":
                return MigrationProgress.Mode.PLAIN;
            case "none":
                return MigrationProgress.Mode.NONE;
            default:
                throw new ExitCodes.UserInputException("--progress " + progressMode + ": choose auto, plain or none");
        }
    }

    /** Opens one side; a store failure is printed naming the side and gives null. */
    private StateStore open(StoreOptions options, String side) {
        try {
            return options.open();
        } catch (StateStore.StoreException e) {
            spec.commandLine().getErr().println("error: " + side + " " + options.kind + ": " + e.getMessage());
            return null;
        }
    }
}
