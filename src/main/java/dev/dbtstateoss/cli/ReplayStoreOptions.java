package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The store of replay's in-process engine. Unlike {@link StoreOptions} (of {@code serve}) it
 * defaults to an empty memory store and reads no environment variable: replay writes runs, so a
 * real store is used only when asked for by name. Opening is {@link StoreOptions#open()}'s.
 */
final class ReplayStoreOptions {
    @Option(names = "--store", paramLabel = "KIND", defaultValue = "memory",
            description = "Store of the in-process engine: memory (starts empty, lost on exit) or local (an existing"
                    + " store directory, --dir; the replayed runs are added to it). Default: ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".state_data",
            description = "Directory of --store local; it must exist. Default: ${DEFAULT-VALUE}.")
    Path dir;

    StateStore open() {
        String k = kind.trim().toLowerCase(java.util.Locale.ROOT);
        if (!k.equals("memory") && !k.equals("local")) {
            throw new ExitCodes.UserInputException("--store " + kind + ": replay runs on memory or local");
        }
        if (k.equals("local") && !Files.isDirectory(dir)) {
            throw new ExitCodes.UserInputException("--dir " + dir + ": no such directory (replay starts from an existing"
                    + " local store; leave out --store for an empty one)");
        }
        StoreOptions options = new StoreOptions();
        options.kind = k;
        options.dir = dir;
        return options.open();
    }
}
