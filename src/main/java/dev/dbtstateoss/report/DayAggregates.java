package dev.dbtstateoss.report;

import com.google.gson.JsonParseException;
import dev.dbtstateoss.store.StateStore;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The per-day figures of a store, kept apart from the runs (so they outlive any pruning of history):
 *
 * <pre>
 * aggregates/&lt;yyyy-mm-dd&gt;/&lt;writer&gt;   per target, that UTC day's {@link TargetDay} as counted by one writer
 * </pre>
 *
 * Each writer (one per server process and organization) adds to its own document with a
 * conditional replace, so a day has as many documents as servers that decided on it, and servers
 * sharing a store never touch each other's counts. A report reads a few documents per day.
 */
public final class DayAggregates {
    static final String PREFIX = "aggregates/";
    private static final int MAX_ATTEMPTS = 50;

    /** One document: a day's figures from one writer (see {@link DayAggregatesJson}). */
    record Document(String day, Map<String, TargetDay> targets) {}

    private final StateStore store;

    public DayAggregates(StateStore store) {
        this.store = store;
    }

    /** Adds {@code figures} (by target key) to this writer's document of {@code day}. */
    public void add(String writer, LocalDate day, Map<String, TargetDay> figures) {
        String key = PREFIX + day + "/" + writer;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StateStore.Blob> current = store.read(key);
            Map<String, TargetDay> merged = new TreeMap<>(current.map(b -> decode(key, b.value()).targets()).orElse(Map.of()));
            figures.forEach((k, v) -> merged.merge(k, v, TargetDay::plus));
            byte[] value = DayAggregatesJson.encode(new Document(day.toString(), merged));
            boolean done = current.isEmpty() ? store.createIfAbsent(key, value)
                    : store.replaceIfVersion(key, value, current.get().version());
            if (done) {
                return;
            }
        }
        throw new StateStore.StoreException("too many concurrent writers on " + key + " in " + store.describe(), null);
    }

    /** Every day from {@code since} (inclusive) on, with the figures of all writers added up per target. */
    public Map<LocalDate, Map<String, TargetDay>> since(LocalDate since) {
        Map<LocalDate, Map<String, TargetDay>> days = new TreeMap<>();
        List<String> keys;
        try (Stream<String> listed = store.list(PREFIX)) {
            keys = listed.filter(k -> k.split("/").length == 3).filter(k -> !day(k).isBefore(since)).sorted().toList();
        }
        for (String key : keys) {
            store.readValue(key).ifPresent(value -> {
                Map<String, TargetDay> day = days.computeIfAbsent(day(key), d -> new HashMap<>());
                decode(key, value).targets().forEach((k, v) -> day.merge(k, v, TargetDay::plus));
            });
        }
        return days;
    }

    private static LocalDate day(String key) {
        try {
            return LocalDate.parse(key.split("/")[1]);
        } catch (java.time.DateTimeException e) {
            return LocalDate.MIN;
        }
    }

    private Document decode(String key, byte[] value) {
        try {
            Document d = DayAggregatesJson.decode(value);
            if (d == null || d.targets() == null) {
                throw new JsonParseException("no targets");
            }
            return d;
        } catch (RuntimeException e) {
            throw new StateStore.StoreException("unreadable aggregates " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }
}
