package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.S3Settings;
import dev.dbtstateoss.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The store of replay's in-process engine. Unlike {@link StoreOptions} (of {@code serve}) it defaults
 * to an empty memory store and reads no environment variable: replay writes runs, so a real store is used
 * only when asked for by name.
 */
@Command(modelTransformer = ReplayStoreOptions.class)
final class ReplayStoreOptions extends StoreFlags {
    static final StoreSide SIDE = new StoreSide(new StoreSpec.Flags("--", "--store", false),
            EnumSet.of(StoreKind.LOCAL, StoreKind.MEMORY), "memory",
            "Store of the in-process engine: memory (starts empty, lost on exit) or local (an existing store"
                    + " directory, --dir; the replayed runs are added to it). Default: memory.",
            Map.of(StoreSetting.DIR, ".state_data"), Map.of(StoreSetting.DIR, "Directory of --store local; it must exist."),
            S3Settings.DEFAULT_ATTEMPT_TIMEOUT, S3Settings.DEFAULT_RETRY_BUDGET);

    @Override
    List<StoreSide> sides() {
        return List.of(SIDE);
    }

    StoreSpec spec() {
        return SIDE.spec(command, Map.of());
    }

    /** Opens the store; a local one must exist already. */
    StateStore open() {
        StoreSpec spec = spec();
        if (spec.kind() == StoreKind.LOCAL && !Files.isDirectory(Path.of(spec.get(StoreSetting.DIR)))) {
            throw new ExitCodes.UserInputException("--dir " + spec.get(StoreSetting.DIR) + ": no such directory (replay"
                    + " starts from an existing local store; leave out --store for an empty one)");
        }
        return spec.open();
    }
}
