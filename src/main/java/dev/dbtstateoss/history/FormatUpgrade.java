package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Copies a store of format 1 into a store of the current format (migrate-store), leaving the source
 * as it is. Format 1 kept every run up to three times with its SQL ({@code pending/<id>},
 * {@code targets/<h>/runs/<id>}, {@code targets/<h>/latest}) and the clone index as full runs; here
 * each run is written once, its SQL once per text, and each target's latest is written exactly as
 * format 1 held it, so decisions after the upgrade are those before. Marks, decided marks,
 * explanations and aggregates are copied as they are. Then every run and every latest is read back
 * through the new history and compared with the source.
 */
public final class FormatUpgrade {
    /** What an upgrade did; {@code mismatches} lists what did not read back equal (empty when all did). */
    public record Result(int runs, int confirmed, int latest, int copied, List<String> mismatches) {}

    private final StateStore from;
    private final StateStore to;

    public FormatUpgrade(StateStore from, StateStore to) {
        this.from = from;
        this.to = to;
    }

    /** Whether {@code store} holds format 1 (a marker saying so). */
    public static boolean isFormatOne(StateStore store) {
        return store.readValue("format").isPresent() && StoreFormat.read(store) == 1;
    }

    /** Upgrades; on a dry run, only reads the source and counts. */
    public Result run(boolean dryRun) {
        Map<String, RunRecord> runs = new TreeMap<>();
        for (String key : keys("pending/")) {
            read(key).ifPresent(v -> runs.put(key.substring("pending/".length()), RunJson.fromFormat1(v)));
        }
        List<String> inHistory = new ArrayList<>();
        Map<String, RunRecord> latest = new TreeMap<>();
        List<String> copied = new ArrayList<>();
        for (String key : keys("")) {
            String[] parts = key.split("/");
            if (parts[0].equals("targets") && parts.length == 4 && parts[2].equals("runs")) {
                inHistory.add(parts[3]);
                runs.computeIfAbsent(parts[3], id -> RunJson.fromFormat1(read(key).orElseThrow()));
            } else if (parts[0].equals("targets") && parts.length == 3 && parts[2].equals("latest")) {
                read(key).ifPresent(v -> latest.put(key, RunJson.fromFormat1(v)));
            } else if (!parts[0].equals("pending") && !parts[0].equals("clones") && !key.equals(StoreFormat.KEY)) {
                copied.add(key); // matches, decided, explained, explanations, aggregates: the same in format 2
            }
        }
        int confirmed = (int) runs.values().stream().filter(RunRecord::confirmed).count();
        if (dryRun) {
            return new Result(runs.size(), confirmed, latest.size(), copied.size(), List.of());
        }
        StoreHistory history = new StoreHistory(to);
        for (RunRecord r : runs.values()) {
            history.savePending(r);
        }
        for (String id : inHistory.stream().sorted().toList()) {
            history.recordConfirmed(runs.get(id));
        }
        for (RunRecord l : latest.values()) {
            String key = Layout.latestKey(l.targetKey());
            ConditionalUpdate.apply(to, key, current -> RunJson.encode(l, null));
            if (l.cloneKey() != null) {
                ConditionalUpdate.apply(to, Layout.cloneIndexKey(l.cloneKey()), current -> current.isPresent()
                        && !ClonePointer.decode(current.get().value()).olderThan(l) ? null : ClonePointer.of(l).encode());
            }
        }
        for (String key : copied) {
            read(key).ifPresent(v -> StoreHistory.guard(() -> to.createIfAbsent(key, v)));
        }
        return new Result(runs.size(), confirmed, latest.size(), copied.size(), verify(history, runs, latest, copied));
    }

    private List<String> verify(StoreHistory history, Map<String, RunRecord> runs, Map<String, RunRecord> latest,
            List<String> copied) {
        List<String> mismatches = new ArrayList<>();
        runs.forEach((id, r) -> {
            if (!history.pending(id).equals(Optional.of(r))) {
                mismatches.add("run " + id);
            }
        });
        latest.forEach((key, r) -> {
            if (!history.latest(r.targetKey()).equals(Optional.of(r))) {
                mismatches.add(key);
            }
        });
        for (String key : copied) {
            if (!java.util.Arrays.equals(read(key).orElse(null), StoreHistory.guard(() -> to.readValue(key)).orElse(null))) {
                mismatches.add(key);
            }
        }
        return mismatches;
    }

    private List<String> keys(String prefix) {
        try (Stream<String> keys = StoreHistory.guard(() -> from.list(prefix))) {
            return keys.sorted().toList();
        }
    }

    private Optional<byte[]> read(String key) {
        return StoreHistory.guard(() -> from.readValue(key));
    }
}
