package dev.dbtstateoss.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A store in a local directory, one file per key. Writes go to a temporary file that is synced and
 * renamed over the key's file, then the directory is synced: a crash at any moment leaves either the
 * old or the new value. Conditional writes hold a lock (a striped set of lock files, so several
 * processes on one directory exclude each other) around the check and the rename.
 */
public final class LocalStore implements StateStore, LeftoverFiles {
    private static final String LOCK_DIR = ".locks";
    private static final String TMP_PREFIX = ".tmp-";

    private final Path root;
    /** Opened by {@link LocalDirectory} on a directory of an earlier release (said so in {@link #describe}). */
    private final boolean inPlace;
    private final StripedFileLocks locks;

    /** Opens the store in {@code root}, creating the directory when it is absent; it must be writable. */
    public LocalStore(Path root) {
        this(root, true, false);
    }

    /** As {@link #LocalStore(Path)}; {@code inPlace} when the directory was written by an earlier release. */
    LocalStore(Path root, boolean inPlace) {
        this(root, true, inPlace);
    }

    /**
     * Opens the store in an existing directory and creates nothing there until something is written
     * (for reading: inspect, the source of a migration). A missing directory is an error.
     */
    public static LocalStore existing(Path root) {
        return new LocalStore(root, false, false);
    }

    static LocalStore existing(Path root, boolean inPlace) {
        return new LocalStore(root, false, inPlace);
    }

    private LocalStore(Path root, boolean create, boolean inPlace) {
        this.root = root.toAbsolutePath().normalize();
        this.inPlace = inPlace;
        if (create) {
            try {
                Files.createDirectories(this.root.resolve(LOCK_DIR));
            } catch (IOException e) {
                throw new StoreException("cannot create the state directory " + this.root + ": " + e, e);
            }
            if (!Files.isWritable(this.root)) {
                throw new StoreException("the state directory " + this.root + " is not writable", null);
            }
        } else if (!Files.isDirectory(this.root)) {
            throw new StoreException("there is no directory " + this.root, null);
        }
        this.locks = new StripedFileLocks(this.root.resolve(LOCK_DIR));
    }

    @Override
    public Optional<Blob> read(String key) {
        StateStore.checkKey(key);
        try {
            byte[] value = Files.readAllBytes(root.resolve(key));
            return Optional.of(new Blob(value, versionOf(value)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + root.resolve(key) + ": " + e, e);
        }
    }

    /** As {@link #read}, without hashing the value for its version. */
    @Override
    public Optional<byte[]> readValue(String key) {
        StateStore.checkKey(key);
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read " + root.resolve(key) + ": " + e, e);
        }
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        StateStore.checkKey(key);
        return locked(key, () -> {
            if (Files.exists(root.resolve(key))) {
                return false;
            }
            write(key, value);
            return true;
        });
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        StateStore.checkKey(key);
        return locked(key, () -> {
            Optional<Blob> current = read(key);
            if (current.isEmpty() || !current.get().version().equals(expectedVersion)) {
                return false;
            }
            write(key, value);
            return true;
        });
    }

    @Override
    public boolean deleteIfVersion(String key, String expectedVersion) {
        StateStore.checkKey(key);
        return locked(key, () -> {
            Optional<Blob> current = read(key);
            if (current.isEmpty() || !current.get().version().equals(expectedVersion)) {
                return false;
            }
            Path file = root.resolve(key);
            Files.delete(file);
            syncDirectory(file.getParent());
            return true;
        });
    }

    @Override
    public Stream<String> list(String prefix) {
        Path start = root.resolve(prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "");
        if (!Files.isDirectory(start)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(start)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> !k.startsWith(".") && !k.contains("/.") && k.startsWith(prefix))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new StoreException("cannot list " + start + ": " + e, e);
        }
    }

    @Override
    public int removeLeftoversOlderThan(Instant cutoff) {
        int removed = 0;
        for (int attempt = 1; Files.isDirectory(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (p.getFileName().toString().startsWith(TMP_PREFIX) && isLeftover(p, cutoff) && Files.deleteIfExists(p)) {
                        removed++;
                    }
                }
                return removed;
            } catch (java.io.UncheckedIOException e) {
                // a file renamed or a directory created while walking: walk again
                if (attempt == 3) {
                    throw new StoreException("cannot clean up " + root + ": " + e.getCause(), e);
                }
            } catch (IOException e) {
                throw new StoreException("cannot clean up " + root + ": " + e, e);
            }
        }
        return removed;
    }

    private static boolean isLeftover(Path p, Instant cutoff) throws IOException {
        try {
            return Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException renamed) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "local directory " + root + (inPlace ? " (one file per key, the layout of earlier releases; migrate-store"
                + " --from local --from-dir " + root + " --to local --to-dir NEW_DIR copies it into one database file)" : "");
    }

    private boolean locked(String key, StripedFileLocks.Action action) {
        try {
            return locks.locked(key, action);
        } catch (IOException e) {
            throw new StoreException("cannot write " + root.resolve(key) + ": " + e, e);
        }
    }

    @Override
    public void close() {
        locks.close();
    }

    private void write(String key, byte[] value) throws IOException {
        Path target = root.resolve(key);
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
                syncDirectory(p);
            }
        }
        Path tmp = dir.resolve(TMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(value);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static String versionOf(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
