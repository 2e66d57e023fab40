package dev.dbtstateoss.history;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The engine's {@link History} over any {@link StateStore}, as JSON documents:
 *
 * <pre>
 * format                       {"format": 1}; a store written by a newer format is refused
 * targets/&lt;h&gt;/latest            the newest confirmed run of the key hashed to h
 * targets/&lt;h&gt;/runs/&lt;request&gt;    every confirmed run (request ids are UUIDv7: they sort by time)
 * targets/&lt;h&gt;/matches/&lt;m&gt;       marks that some confirmed run had query+settings m (see RunRecord.matchKey)
 * targets/&lt;h&gt;/decided            the request id of the newest decision to build the target (confirmed or not)
 * targets/&lt;h&gt;/explained          why the newest decision about the target was taken (written in the background)
 * explanations/&lt;s&gt;/&lt;batch&gt;      why each decision of second s was taken (written in the background; see ExplanationStore)
 * clones/&lt;c&gt;                   the newest confirmed run with clone key c, on any target (see Cloning)
 * pending/&lt;request&gt;             every decision to execute, replaced by its confirmed run
 * </pre>
 *
 * A decision reads one document; a confirmation writes three, each with a condition, so servers
 * sharing a store never lose each other's runs.
 */
public final class StoreHistory implements History {
    public static final int FORMAT = 1;
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final StateStore store;
    private final Gson gson = new GsonBuilder().serializeNulls().create();

    /** Opens the history, writing the format marker into an empty store and refusing a newer one. */
    public StoreHistory(StateStore store) {
        this(store, true);
    }

    /**
     * Opens the history for reading only: nothing is written, and a store without the format marker
     * (one no server of this project wrote to) is refused, like one of a newer format.
     */
    public static StoreHistory forReading(StateStore store) {
        return new StoreHistory(store, false);
    }

    private StoreHistory(StateStore store, boolean create) {
        this.store = store;
        JsonObject marker = new JsonObject();
        marker.addProperty("format", FORMAT);
        try {
            if (create) {
                store.createIfAbsent("format", bytes(gson.toJson(marker)));
            }
            byte[] found = store.readValue("format").orElseThrow(() -> new StateStore.StoreException(
                    store.describe() + " holds no dbt-state-oss state (it has no format marker)", null));
            int format = gson.fromJson(new String(found, StandardCharsets.UTF_8), JsonObject.class)
                    .get("format").getAsInt();
            if (format > FORMAT) {
                throw new StateStore.StoreException("the store at " + store.describe() + " has format " + format
                        + ", newer than this version understands (" + FORMAT + "); upgrade dbt-state-oss", null);
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | NumberFormatException e) {
            throw new StateStore.StoreException("the format marker of " + store.describe() + " is unreadable: " + e, e);
        }
    }

    public StateStore store() {
        return store;
    }

    /** The explanations part of this store (see {@link ExplanationStore}). */
    public ExplanationStore explanations() {
        return new ExplanationStore(store, gson);
    }

    /** The latest run of every target (a listing of the store: for inspection, never per decision). */
    public java.util.List<RunRecord> allLatest() {
        java.util.List<RunRecord> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> keys = guard(() -> store.list("targets/"))) {
            keys.filter(k -> k.endsWith("/latest")).forEach(k -> readRecord(k).ifPresent(out::add));
        }
        return out;
    }

    /** Every confirmed run of a target, oldest first (request ids are UUIDv7). */
    public java.util.List<RunRecord> runs(String targetKey) {
        java.util.List<RunRecord> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<String> keys = guard(() -> store.list("targets/" + hash(targetKey) + "/runs/"))) {
            keys.sorted().forEach(k -> readRecord(k).ifPresent(out::add));
        }
        return out;
    }

    @Override
    public Optional<RunRecord> before(String targetKey, String requestId) {
        String prefix = "targets/" + hash(targetKey) + "/runs/";
        String here = prefix + requestId;
        Optional<String> key;
        try (java.util.stream.Stream<String> keys = guard(() -> store.list(prefix))) {
            key = keys.filter(k -> k.compareTo(here) < 0).max(String::compareTo);
        }
        return key.flatMap(this::readRecord);
    }

    @Override
    public Optional<RunRecord> latest(String targetKey) {
        return readRecord(latestKey(targetKey));
    }

    @Override
    public Optional<RunRecord> cloneSource(String cloneKey) {
        Optional<RunRecord> candidate = readRecord(cloneIndexKey(cloneKey));
        if (candidate.isEmpty()) {
            return candidate;
        }
        Optional<RunRecord> holding = latest(candidate.get().targetKey());
        return holding.isPresent() && holding.get().requestId().equals(candidate.get().requestId()) ? candidate : Optional.empty();
    }

    @Override
    public void recordOutcomeOnly(RunRecord confirmed) {
        replaceAlways(pendingKey(confirmed.requestId()), confirmed);
    }

    @Override
    public boolean recordTargetModified(RunRecord run, long lastModifiedMs) {
        String latest = latestKey(run.targetKey());
        boolean[] changed = {false};
        ConditionalUpdate.apply(store, latest, current -> {
            changed[0] = false;
            RunRecord now = current.map(b -> decode(latest, b)).orElse(null);
            if (now == null || !now.requestId().equals(run.requestId()) || !now.confirmed()
                    || now.outcome().targetLastModifiedMs() == null || now.outcome().targetLastModifiedMs() >= lastModifiedMs) {
                return null;
            }
            changed[0] = true;
            return bytes(gson.toJson(now.withTargetModified(lastModifiedMs)));
        });
        if (!changed[0]) {
            return false;
        }
        String runKey = "targets/" + hash(run.targetKey()) + "/runs/" + run.requestId();
        for (String key : run.cloneKey() == null ? java.util.List.of(runKey, pendingKey(run.requestId()))
                : java.util.List.of(runKey, pendingKey(run.requestId()), cloneIndexKey(run.cloneKey()))) {
            ConditionalUpdate.apply(store, key, current -> {
                RunRecord now = current.map(b -> decode(key, b)).orElse(null);
                return now == null || !now.requestId().equals(run.requestId()) || !now.confirmed()
                        || (now.outcome().targetLastModifiedMs() != null && now.outcome().targetLastModifiedMs() >= lastModifiedMs)
                        ? null : bytes(gson.toJson(now.withTargetModified(lastModifiedMs)));
            });
        }
        return true;
    }

    @Override
    public void noteDecided(String targetKey, String requestId) {
        ConditionalUpdate.apply(store, "targets/" + hash(targetKey) + "/decided", current ->
                current.isPresent() && new String(current.get().value(), StandardCharsets.UTF_8).equals(requestId)
                        ? null : bytes(requestId));
    }

    @Override
    public Optional<String> lastDecided(String targetKey) {
        return guard(() -> store.readValue("targets/" + hash(targetKey) + "/decided"))
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public boolean matchedBefore(String targetKey, String matchKey) {
        return guard(() -> store.readValue(matchKey(targetKey, matchKey))).isPresent();
    }

    @Override
    public void savePending(RunRecord pending) {
        guard(() -> store.createIfAbsent(pendingKey(pending.requestId()), bytes(gson.toJson(pending))));
    }

    @Override
    public Optional<RunRecord> pending(String requestId) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            return Optional.empty();
        }
        return readRecord(pendingKey(requestId));
    }

    @Override
    public boolean recordConfirmed(RunRecord confirmed) {
        String runKey = "targets/" + hash(confirmed.targetKey()) + "/runs/" + confirmed.requestId();
        boolean created = guard(() -> store.createIfAbsent(runKey, bytes(gson.toJson(confirmed))));
        RunRecord stored = created ? confirmed : readRecord(runKey).orElseThrow();
        guard(() -> store.createIfAbsent(matchKey(stored.targetKey(), stored.matchKey()), bytes(stored.requestId())));
        advanceLatest(latestKey(stored.targetKey()), stored);
        if (stored.cloneKey() != null) {
            advanceLatest(cloneIndexKey(stored.cloneKey()), stored);
        }
        replaceAlways(pendingKey(stored.requestId()), stored);
        return created;
    }

    /** Makes {@code run} the one at {@code key} unless a newer confirmed run is there already. */
    private void advanceLatest(String key, RunRecord run) {
        ConditionalUpdate.apply(store, key, current ->
                current.isPresent() && !newer(run, decode(key, current.get())) ? null : bytes(gson.toJson(run)));
    }

    private void replaceAlways(String key, RunRecord run) {
        ConditionalUpdate.apply(store, key, current -> bytes(gson.toJson(run)));
    }

    /** Later confirmation wins; ties go to the later request id. */
    private static boolean newer(RunRecord a, RunRecord b) {
        long ca = a.confirmed() ? a.outcome().confirmedAtMs() : Long.MIN_VALUE;
        long cb = b.confirmed() ? b.outcome().confirmedAtMs() : Long.MIN_VALUE;
        return ca != cb ? ca > cb : a.requestId().compareTo(b.requestId()) > 0;
    }

    /**
     * Deletes every decision to execute that was never confirmed and was taken before {@code cutoff}
     * (its request id, a UUIDv7, carries the time); confirmed ones stay. A confirmation racing the
     * delete wins: only the version read as unconfirmed is deleted. Returns how many were deleted.
     */
    public int expirePendingBefore(java.time.Instant cutoff) {
        int deleted = 0;
        for (String key : guard(() -> store.list("pending/").toList())) {
            String id = key.substring("pending/".length());
            if (!REQUEST_ID.matcher(id).matches()
                    || Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16) >= cutoff.toEpochMilli()) {
                continue;
            }
            Optional<StateStore.Blob> blob = guard(() -> store.read(key));
            boolean unconfirmed;
            try {
                unconfirmed = blob.isPresent() && decode(key, blob.get()).outcome() == null;
            } catch (RuntimeException unreadable) {
                continue; // left for inspect to show; a confirmation of it would fail anyway
            }
            if (unconfirmed && guard(() -> store.deleteIfVersion(key, blob.get().version()))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** A record as stored (read without its version, which costs a hash of the value to compute). */
    private Optional<RunRecord> readRecord(String key) {
        return guard(() -> store.readValue(key)).map(value -> decode(key, value));
    }

    private RunRecord decode(String key, StateStore.Blob blob) {
        return decode(key, blob.value());
    }

    private RunRecord decode(String key, byte[] value) {
        try {
            RunRecord r = gson.fromJson(new String(value, StandardCharsets.UTF_8), RunRecord.class);
            if (r == null || r.requestId() == null || r.targetKey() == null || r.fingerprint() == null
                    || r.inputs() == null || r.executionType() == null) {
                throw new JsonParseException("missing fields");
            }
            return r;
        } catch (RuntimeException e) {
            throw new HistoryException("unreadable record " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }

    interface StoreCall<T> {
        T call();
    }

    static <T> T guard(StoreCall<T> call) {
        try {
            return call.call();
        } catch (StateStore.StoreException e) {
            throw new HistoryException(e.getMessage(), e);
        }
    }

    public static String latestKey(String targetKey) {
        return "targets/" + hash(targetKey) + "/latest";
    }

    private static String cloneIndexKey(String cloneKey) {
        return "clones/" + cloneKey.substring(0, 32);
    }

    private static String matchKey(String targetKey, String matchKey) {
        return "targets/" + hash(targetKey) + "/matches/" + matchKey.substring(0, 32);
    }

    private static String pendingKey(String requestId) {
        return "pending/" + requestId;
    }

    public static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
