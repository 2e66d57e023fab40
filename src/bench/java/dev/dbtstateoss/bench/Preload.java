package dev.dbtstateoss.bench;

import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Fingerprinter;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.Keys;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.AtomicBatches;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.SqliteStore;
import dev.dbtstateoss.history.StoreFormat;
import java.util.ArrayList;
import java.util.List;
import dev.dbtstateoss.history.StoreHistory;
import java.nio.file.Path;
import dev.dbtstateoss.engine.Fingerprint;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a local store directory with a long history before the server opens it: many targets (the
 * benchmark's own among them), each with hundreds of confirmed runs over a few versions of its SQL,
 * recorded through {@link StoreHistory#recordConfirmed}, so the files are exactly those a server
 * leaves (runs, SQL texts, week lists, latest, matches, decided). Only the writing differs: a target's
 * documents are committed to the local database together, not one synced commit each.
 */
final class Preload {
    private Preload() {}

    /**
     * Writes {@code records} confirmed runs into the local database in {@code dir} (the default local
     * store, {@link SqliteStore}); returns how many were written. Each target's history is recorded in
     * memory, then committed to the database in one transaction: one synced commit per target instead
     * of one per document.
     */
    static long fill(Path dir, Project project, long records, int threads) throws InterruptedException {
        int targets = (int) Math.max(project.models().size(), records / 500);
        long perTarget = Math.max(1, records / targets);
        AtomicLong written = new AtomicLong();
        Thread[] workers = new Thread[threads];
        RuntimeException[] failure = new RuntimeException[1];
        try (SqliteStore store = SqliteStore.open(dir)) {
            new StoreHistory(store); // the format marker
            for (int w = 0; w < threads; w++) {
                int worker = w;
                workers[w] = new Thread(() -> {
                    try {
                        for (int t = worker; t < targets; t += threads) {
                            long n = perTarget + (t < records % targets ? 1 : 0);
                            MemoryStore memory = new MemoryStore();
                            written.addAndGet(target(new StoreHistory(memory), project, t, n));
                            copy(memory, store);
                        }
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                }, "preload-" + w);
                workers[w].start();
            }
            for (Thread t : workers) {
                t.join();
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return written.get();
    }

    /** Copies one target's documents into the database in one commit (key by key where another target's SQL text is already there). */
    private static void copy(MemoryStore from, SqliteStore to) {
        List<AtomicBatches.Write> writes = new ArrayList<>();
        from.list("").filter(k -> !k.equals(StoreFormat.KEY)).forEach(k ->
                writes.add(new AtomicBatches.CreateIfAbsent(k, from.readValue(k).orElseThrow())));
        if (!to.applyAll(writes)) {
            writes.forEach(w -> to.createIfAbsent(w.key(), ((AtomicBatches.CreateIfAbsent) w).value()));
        }
    }

    /**
     * The runs of one target over about a year, its SQL changing four times, each recorded through
     * {@link StoreHistory#recordConfirmed} (the run, its SQL text once a month, the week's list, the
     * match mark, the latest run): the documents a server leaves.
     */
    private static long target(StoreHistory history, Project project, int t, long runs) {
        String relation = relationOf(project, t);
        String key = Keys.target("", relation);
        java.util.Random rnd = new java.util.Random(t);
        int inputCount = 1 + rnd.nextInt(5);
        String[] inputs = new String[inputCount];
        for (int k = 0; k < inputCount; k++) {
            inputs[k] = Project.relation("RAW", String.format(Locale.ROOT, "SRC_%02d", rnd.nextInt(40)));
        }
        String sql = Project.Sql.select(rnd, Arrays.asList(inputs), 4 + rnd.nextInt(30), relation);
        long[] clock = {Instant.parse("2025-06-01T00:00:00Z").toEpochMilli() + rnd.nextInt(3_600_000)};
        Ids ids = new Ids(new FixedClock(clock));
        Fingerprinter fingerprints = new Fingerprinter(8);
        String settings = sha256("settings|" + t);
        long step = 365L * 86_400_000L / runs;
        long written = 0;
        String last = null;
        Version v = null;
        for (long r = 0; r < runs; r++) {
            clock[0] += step;
            int version = (int) (r * 5 / runs);
            if (v == null || v.number != version) {
                String text = sql + (version == 0 ? "" : "\n-- version " + version + "\nand src_0.id > " + version);
                Fingerprint fp = fingerprints.of(text);
                v = new Version(version, fp.hash(), sha256("node|" + text).substring(0, 32), fp.normalizedSql(),
                        sha256(fp.hash() + "|lineage"));
            }
            Map<String, Long> in = new TreeMap<>();
            for (String i : inputs) {
                in.merge(i, clock[0] - 60_000L - rnd.nextInt(600_000), Math::max);
            }
            String requestId = ids.next();
            RunRecord run = RunRecord.builder().requestId(requestId).targetKey(key).targetTable(relation).kind(RunKind.SQL)
                    .displayName(relation).executionType(ExecutionType.FULL).fingerprint(v.fingerprint).nodeHash(v.nodeHash)
                    .settingsHash(settings).inputs(in).lineage(v.lineage).decidedAtMs(clock[0] - 5_000)
                    .normalizedSql(v.normalizedSql)
                    .outcome(new RunRecord.Outcome(clock[0], clock[0] - 1_000, 500 + rnd.nextInt(60_000), null, null)).build();
            written += history.recordConfirmed(run) ? 1 : 0;
            last = requestId;
        }
        if (last != null) {
            history.noteDecided(key, last);
        }
        return written;
    }

    private record Version(int number, String fingerprint, String nodeHash, String normalizedSql, String lineage) {}

    private static String relationOf(Project project, int t) {
        return t < project.models().size() ? project.models().get(t).relation()
                : Project.relation(String.format(Locale.ROOT, "HIST_%02d", t % 50), String.format(Locale.ROOT, "MODEL_%05d", t));
    }

    /**
     * Reads the preloaded store as the server will (SqliteStore and StoreHistory): the first target's
     * runs are all there and readable, and its latest run is the newest. Fails when the bulk writes
     * and StoreHistory's layout ever disagree.
     */
    static void check(Path dir, Project project, long records) {
        int targets = (int) Math.max(project.models().size(), records / 500);
        long expected = Math.max(1, records / targets) + (0 < records % targets ? 1 : 0);
        String key = Keys.target("", relationOf(project, 0));
        try (SqliteStore store = SqliteStore.open(dir)) {
            StoreHistory history = new StoreHistory(store);
            java.util.List<RunRecord> runs = history.runs(key);
            if (runs.size() != expected) {
                throw new IllegalStateException("preload check: " + runs.size() + " runs of " + key + " readable, " + expected + " written");
            }
            RunRecord latest = history.latest(key).orElseThrow(() -> new IllegalStateException("preload check: no latest run"));
            if (!latest.requestId().equals(runs.get(runs.size() - 1).requestId())) {
                throw new IllegalStateException("preload check: the latest run is not the newest");
            }
        }
    }

    /** The documents (rows) the preloaded database holds, the format marker left out. */
    static long documents(Path dir) {
        try (SqliteStore store = SqliteStore.open(dir)) {
            return store.list("").filter(k -> !k.equals(StoreFormat.KEY)).count();
        }
    }

    /** A clock the preload moves by hand (request ids carry the time of their run). */
    static final class FixedClock extends Clock {
        private final long[] now;

        FixedClock(long[] now) {
            this.now = now;
        }

        @Override
        public long millis() {
            return now[0];
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now[0]);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static String sha256(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
