package dev.dbtstateoss.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens the store kept in a local directory ({@code --store local --dir DIR}): the SQLite database
 * {@value SqliteStore#FILE} for new directories and those that hold one; a directory in the file
 * layout of earlier releases (one file per key, see {@link LocalStore}) is opened as it is and says so
 * in its description (the history refuses to serve its format 1 and names {@code migrate-store}, which
 * copies it into a database).
 */
public final class LocalDirectory {
    /** Entries that only the file layout has at the top of a store directory. */
    static final List<String> FILE_LAYOUT_ENTRIES = List.of("format", "targets", "pending", "orgs", "explanations", ".locks");

    private LocalDirectory() {}

    /** The store in {@code dir}, creating the directory and an empty database when there is no store yet. */
    public static StateStore open(Path dir) {
        return open(dir, false);
    }

    /**
     * The store in an existing directory, for reading (inspect, the source of a migration): nothing is
     * created in a directory that holds no store.
     */
    public static StateStore existing(Path dir) {
        return open(dir, true);
    }

    private static StateStore open(Path dir, boolean reading) {
        Path root = dir.toAbsolutePath().normalize();
        boolean database = SqliteStore.existsIn(root);
        boolean files = hasFileLayout(root);
        if (database && files) {
            throw new StateStore.StoreException("the directory " + root + " holds both a database (" + SqliteStore.FILE
                    + ") and files of the earlier layout; keep one of them (move the other away)", null);
        }
        if (files) {
            return reading ? LocalStore.existing(root, true) : new LocalStore(root, true);
        }
        if (reading && !database) {
            return LocalStore.existing(root, false); // holds no store: read as empty, create nothing
        }
        return SqliteStore.open(root);
    }

    /** True when {@code dir} holds a store in the file layout of earlier releases. */
    public static boolean hasFileLayout(Path dir) {
        return FILE_LAYOUT_ENTRIES.stream().anyMatch(e -> Files.exists(dir.resolve(e)));
    }
}
