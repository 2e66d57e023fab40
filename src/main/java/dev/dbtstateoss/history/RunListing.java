package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.History.HistoryException;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Listings of the history (inspect, the dashboard, reports, explanations of upstream changes): never
 * on the decision path. A target's runs are found through its lists of the week
 * ({@code targets/<h>/weeks/<week>}); runs that retention removed are left out, its latest run never.
 */
final class RunListing {
    private final StateStore store;
    private final Function<String, Optional<RunRecord>> runs;

    RunListing(StateStore store, Function<String, Optional<RunRecord>> runs) {
        this.store = store;
        this.runs = runs;
    }

    List<RunRecord> allLatest() {
        List<RunRecord> out = new ArrayList<>();
        try (Stream<String> keys = StoreHistory.guard(() -> store.list("targets/"))) {
            keys.filter(k -> k.endsWith("/latest")).forEach(k ->
                    StoreHistory.guard(() -> store.readValue(k)).ifPresent(v -> out.add(decode(k, v))));
        }
        return out;
    }

    /** Every confirmed run of the target still stored, oldest first. */
    List<RunRecord> runs(String targetKey) {
        TreeMap<String, RunRecord> found = new TreeMap<>();
        for (String id : ids(targetKey, null)) {
            runs.apply(id).filter(RunRecord::confirmed).ifPresent(r -> found.put(id, r));
        }
        latest(targetKey).ifPresent(r -> found.putIfAbsent(r.requestId(), r));
        return new ArrayList<>(found.values());
    }

    /** The newest confirmed run of the target decided before {@code requestId}: the week lists from its week back. */
    Optional<RunRecord> before(String targetKey, String requestId) {
        String prefix = Layout.target(targetKey) + "weeks/";
        String upTo = prefix + Layout.week(requestId);
        List<String> weeks;
        try (Stream<String> keys = StoreHistory.guard(() -> store.list(prefix))) {
            weeks = keys.filter(k -> k.compareTo(upTo) <= 0).sorted(Comparator.reverseOrder()).toList();
        }
        for (String week : weeks) {
            List<String> ids = idsOf(week).stream().filter(id -> id.compareTo(requestId) < 0)
                    .sorted(Comparator.reverseOrder()).toList();
            for (String id : ids) {
                Optional<RunRecord> r = runs.apply(id).filter(RunRecord::confirmed);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return latest(targetKey).filter(r -> r.requestId().compareTo(requestId) < 0);
    }

    /** The ids in the target's week lists (all weeks when {@code onlyWeek} is null). */
    List<String> ids(String targetKey, String onlyWeek) {
        String prefix = Layout.target(targetKey) + "weeks/" + (onlyWeek == null ? "" : onlyWeek);
        List<String> keys;
        try (Stream<String> listed = StoreHistory.guard(() -> store.list(prefix))) {
            keys = listed.sorted().toList();
        }
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.addAll(idsOf(k)));
        return out;
    }

    private List<String> idsOf(String dayKey) {
        return StoreHistory.guard(() -> store.readValue(dayKey))
                .map(v -> new String(v, StandardCharsets.UTF_8)).filter(s -> !s.isEmpty())
                .map(s -> List.of(s.split("\n"))).orElse(List.of());
    }

    private Optional<RunRecord> latest(String targetKey) {
        String key = Layout.latestKey(targetKey);
        return StoreHistory.guard(() -> store.readValue(key)).map(v -> decode(key, v));
    }

    private RunRecord decode(String key, byte[] value) {
        try {
            return RunJson.decode(value).run();
        } catch (RuntimeException e) {
            throw new HistoryException("unreadable record " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }
}
