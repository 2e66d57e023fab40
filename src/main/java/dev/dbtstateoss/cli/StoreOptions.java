package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.StateStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which store to use; shared by every command that reads or writes state. */
public final class StoreOptions {
    @Option(names = "--store", paramLabel = "KIND", defaultValue = "${env:STATE_STORE:-local}",
            description = "State backend: local (a directory) or memory (lost on exit). Default: ${DEFAULT-VALUE}"
                    + " (env STATE_STORE).")
    String kind;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:DBTSTATE_LOCAL_DIR:-.state_data}",
            description = "Directory of the local store. Default: ${DEFAULT-VALUE} (env DBTSTATE_LOCAL_DIR).")
    Path dir;

    /** Opens the chosen backend; bad settings are reported naming the flag. */
    public StateStore open() {
        String k = kind.trim().toLowerCase(java.util.Locale.ROOT);
        switch (k) {
            case "memory":
                return new MemoryStore();
            case "local":
                return new LocalStore(dir);
            case "s3":
            case "azure":
                throw new ExitCodes.UserInputException("--store " + k + " is not available yet in this version;"
                        + " use --store local or --store memory");
            default:
                throw new ExitCodes.UserInputException("--store: unknown backend '" + kind
                        + "'; choose local or memory (or set STATE_STORE)");
        }
    }
}
