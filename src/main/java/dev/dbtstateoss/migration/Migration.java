package dev.dbtstateoss.migration;

import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Copies every key of one store into another with create-if-absent, so a rerun after an interruption
 * copies only what is missing: a key already there with the same value counts as copied, one with a
 * different value is a conflict and is left as it is. Afterwards the destination is read back and its
 * SHA-256 checksums compared with the source's, per target prefix.
 */
public final class Migration {
    /** How one key went. */
    public enum Outcome { COPIED, IDENTICAL, CONFLICT, VANISHED, INVALID_KEY }

    /** Checksums and counts of one group of keys ({@code targets/<h>/}, {@code pending/}, or the root). */
    public record Group(String prefix, int keys, String sourceSha256, int verified, String destinationSha256) {
        public boolean ok() {
            return keys == verified && sourceSha256.equals(destinationSha256);
        }
    }

    /** What a run did. */
    public record Result(int keys, boolean sourceHasFormat, Map<Outcome, Integer> outcomes, long bytes, List<String> conflicts,
            List<String> invalidKeys, List<Group> groups) {
        public int count(Outcome o) {
            return outcomes.getOrDefault(o, 0);
        }

        public boolean verifiedAll() {
            return groups.stream().allMatch(Group::ok);
        }
    }

    private final StateStore from;
    private final StateStore to;
    private final int threads;
    private final MigrationProgress progress;
    private final Map<String, String> sourceSha = new ConcurrentHashMap<>();
    private final Map<String, String> destinationSha = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final List<String> conflicts = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bytes = new AtomicLong();

    public Migration(StateStore from, StateStore to, int threads, MigrationProgress progress) {
        this.from = from;
        this.to = to;
        this.threads = threads;
        this.progress = progress;
    }

    /** Keys of the destination besides the format marker (which both sides write alike). */
    public static long destinationKeys(StateStore to) {
        return to.list("").filter(k -> !k.equals("format")).count();
    }

    /** Copies (or, on a dry run, only compares) every key of the source, then verifies a real copy. */
    public Result run(boolean dryRun) throws InterruptedException {
        List<String> keys = from.list("").sorted().toList();
        progress.start(keys.size());
        try {
            inParallel(keys, key -> {
                outcomes.put(key, copy(key, dryRun));
                progress.advance(bytes.get());
            });
        } finally {
            progress.finish(bytes.get());
        }
        Map<Outcome, Integer> counts = new TreeMap<>();
        outcomes.values().forEach(o -> counts.merge(o, 1, Integer::sum));
        List<String> invalid = outcomes.entrySet().stream().filter(e -> e.getValue() == Outcome.INVALID_KEY)
                .map(Map.Entry::getKey).sorted().toList();
        List<String> sortedConflicts = conflicts.stream().sorted().toList();
        return new Result(keys.size(), keys.contains("format"), counts, bytes.get(), sortedConflicts, invalid,
                dryRun ? List.of() : verify());
    }

    /**
     * Runs {@code work} for every key on {@link #threads} threads, handing keys out through a bounded
     * queue (a few per thread) so a store of any size costs no more memory than its key list.
     */
    private void inParallel(List<String> keys, java.util.function.Consumer<String> work) throws InterruptedException {
        ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), r -> {
                    Thread t = new Thread(r, "migrate");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        try {
            for (String key : keys) {
                if (failed.get() != null) {
                    break;
                }
                pool.execute(() -> {
                    if (failed.get() != null) {
                        return;
                    }
                    try {
                        work.accept(key);
                    } catch (RuntimeException e) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // the queue is bounded; waiting for the last keys
            }
        } finally {
            pool.shutdownNow();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    private Outcome copy(String key, boolean dryRun) {
        Optional<StateStore.Blob> source;
        try {
            source = from.read(key);
        } catch (IllegalArgumentException e) {
            return Outcome.INVALID_KEY; // listed by the source but not a key this version writes
        }
        if (source.isEmpty()) {
            return Outcome.VANISHED;
        }
        byte[] value = source.get().value();
        sourceSha.put(key, sha256(value));
        if (!dryRun && to.createIfAbsent(key, value)) {
            bytes.addAndGet(value.length);
            return Outcome.COPIED;
        }
        Optional<StateStore.Blob> there = to.read(key);
        if (there.isEmpty()) {
            bytes.addAndGet(value.length);
            return Outcome.COPIED; // only on a dry run: it would be copied
        }
        // The destination was just read: that read is this key's verification.
        destinationSha.put(key, sha256(there.get().value()));
        if (Arrays.equals(there.get().value(), value)) {
            return Outcome.IDENTICAL;
        }
        conflicts.add(key + ": the destination holds a different value (source sha256 " + sourceSha.get(key).substring(0, 16)
                + ", destination " + sha256(there.get().value()).substring(0, 16) + ")");
        return Outcome.CONFLICT;
    }

    /**
     * Reads every copied key back from the destination (in parallel; a key found already there was
     * read during the copy and is not read again) and compares checksums, per group of keys.
     */
    private List<Group> verify() throws InterruptedException {
        List<String> unread = sourceSha.keySet().stream().filter(k -> !destinationSha.containsKey(k)).sorted().toList();
        inParallel(unread, key -> destinationSha.put(key, to.read(key).map(b -> sha256(b.value())).orElse("absent")));
        Map<String, List<String>> byGroup = new TreeMap<>();
        for (String key : sourceSha.keySet()) {
            byGroup.computeIfAbsent(group(key), g -> new ArrayList<>()).add(key);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : byGroup.entrySet()) {
            List<String> keys = g.getValue().stream().sorted().toList();
            MessageDigest source = newDigest();
            MessageDigest destination = newDigest();
            int verified = 0;
            for (String key : keys) {
                String want = sourceSha.get(key);
                String got = destinationSha.get(key);
                source.update((key + "\0" + want + "\n").getBytes(StandardCharsets.UTF_8));
                destination.update((key + "\0" + got + "\n").getBytes(StandardCharsets.UTF_8));
                verified += want.equals(got) ? 1 : 0;
            }
            groups.add(new Group(g.getKey(), keys.size(), hex(source.digest()), verified, hex(destination.digest())));
        }
        return groups;
    }

    /** {@code targets/<h>/} for a target's keys, else the first path segment ({@code pending/}), or "" at the root. */
    static String group(String key) {
        String[] parts = key.split("/");
        if (parts.length >= 3 && parts[0].equals("targets")) {
            return "targets/" + parts[1] + "/";
        }
        return parts.length > 1 ? parts[0] + "/" : "";
    }

    static String sha256(byte[] value) {
        return hex(newDigest().digest(value));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
