package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.migration.Migration;
import dev.dbtstateoss.migration.MigrationProgress;
import dev.dbtstateoss.migration.PythonOssImport;
import dev.dbtstateoss.store.LeftoverFiles;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.FormatUpgrade;
import dev.dbtstateoss.history.StoreHistory;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code migrate-store}: copies all history and in-flight state from one store backend to another. */
@Command(
        name = "migrate-store",
        sortOptions = false,
        description = {
            "Copy all history and in-flight state from one store backend to another, then verify the copy"
                    + " (counts and SHA-256 checksums, per target).",
            "Keys are written only where absent, so an interrupted run is resumed by running it again with --merge;"
                    + " a key the destination holds with another value is left alone and reported (exit 1).",
            "With --from-format python-oss the source is a store of the Python dbt-state-oss server (0.1.1): each of its"
                    + " records becomes an imported run that inspect targets/history show (fingerprint 'imported:...'),"
                    + " but that never lets a decision skip (its fingerprints come from another SQL normalization, and it"
                    + " recorded no inputs): the first decision about each target after the move executes, then history continues.",
            "A source of store format 1 (written before dbt-state-oss kept each run once) is upgraded on the way:"
                    + " each run is written once, its SQL once per text, and every run and latest run is read back and"
                    + " compared. serve refuses a format-1 store and says to do this; the source is never changed.",
            "Stop the servers using either store first. Example:",
            "  migrate-store --from local --from-dir .state_data --to s3 --to-bucket my-bucket"
        })
public final class MigrateStoreCommand extends Verb implements Callable<Integer> {
    @Mixin MigrateStoreOptions stores;

    @Mixin OrgOption organization;

    /** Temporary files this much older than the migration are left by killed writes, never by one in progress. */
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    @Option(names = "--dry-run", description = "Read both stores and report what would be copied; write nothing.")
    boolean dryRun;

    @Option(names = "--merge", description = "Copy into a destination that already holds keys (needed to resume).")
    boolean merge;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Keys copied at once. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--from-format", paramLabel = "FORMAT", defaultValue = "dbt-state-oss",
            description = "The source's format: dbt-state-oss (this project's; copied key by key) or python-oss (the Python"
                    + " dbt-state-oss server's, imported as history). Default: ${DEFAULT-VALUE}.")
    String fromFormat;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "",
            description = "[python-oss] The warehouse namespace (table_namespace) the imported targets belong to;"
                    + " empty (the default) for clients that send none.")
    String namespace;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Progress on standard error: auto (redrawn on a terminal, a line every 5 s otherwise),"
                    + " plain, or none. Default: ${DEFAULT-VALUE}.")
    String progressMode;

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        if (threads < 1 || threads > 64) {
            throw new ExitCodes.UserInputException("--threads " + threads + ": must be between 1 and 64");
        }
        MigrationProgress.Mode mode;
        try {
            mode = MigrationProgress.Mode.of(progressMode);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StateStore wholeSource = open(stores.from(), "--from", true);
                StateStore wholeDestination = open(stores.to(), "--to", false)) {
            if (wholeSource == null || wholeDestination == null) {
                return ExitCodes.FAILURE;
            }
            StateStore source = organization.scope(wholeSource);
            StateStore destination = organization.scope(wholeDestination);
            if (source.describe().equals(destination.describe()) && !source.describe().equals("memory") || stores.from().sameLocalDirectory(stores.to())) {
                throw new ExitCodes.UserInputException("--from and --to name the same store (" + source.describe() + ")");
            }
            long present = Migration.destinationKeys(destination);
            if (present > 0 && !merge) {
                err.println("error: the destination " + destination.describe() + " already holds " + present
                        + " keys; pass --merge to copy into it (that is also how an interrupted migration is resumed)");
                return ExitCodes.USAGE;
            }
            boolean python = pythonFormat();
            out.println((dryRun ? "dry run: " : "") + (python ? "importing the Python dbt-state-oss store " : "copying ")
                    + source.describe() + " -> " + destination.describe());
            out.flush();
            try {
                if (python) {
                    PythonOssImport.Result imported = new PythonOssImport(source,
                            dryRun ? null : new StoreHistory(destination), namespace)
                            .run(dryRun);
                    return MigrationReport.printImport(out, imported, dryRun);
                }
                if (FormatUpgrade.isFormatOne(source)) {
                    return MigrationReport.printUpgrade(out, err, new FormatUpgrade(source, destination).run(dryRun), dryRun);
                }
                Migration.Result r = new Migration(source, destination, threads, new MigrationProgress(err, mode)).run(dryRun);
                int code = MigrationReport.print(out, r, dryRun);
                if (!dryRun && wholeDestination instanceof LeftoverFiles leftovers) {
                    MigrationReport.printLeftovers(out, leftovers.removeLeftoversOlderThan(started.minus(LEFTOVER_AGE)));
                }
                return code;
            } catch (StateStore.StoreException | History.HistoryException e) {
                err.println("error: " + e.getMessage());
                err.println("nothing copied so far is lost: run the same command again with --merge to resume");
                return ExitCodes.FAILURE;
            }
        }
    }

    private boolean pythonFormat() {
        switch (fromFormat.strip().toLowerCase(Locale.ROOT)) {
            case "dbt-state-oss":
                return false;
            case "python-oss":
                return true;
            default:
                throw new ExitCodes.UserInputException("--from-format " + fromFormat + ": choose dbt-state-oss or python-oss");
        }
    }

    /** Opens one side (the source only to read it); a store failure is printed naming the side and gives null. */
    private StateStore open(StoreSpec store, String side, boolean reading) {
        try {
            return reading ? store.openForReading() : store.open();
        } catch (StateStore.StoreException e) {
            spec.commandLine().getErr().println("error: " + side + " " + store.kind().label() + ": " + e.getMessage());
            return null;
        }
    }
}
