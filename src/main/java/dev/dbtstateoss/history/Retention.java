package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Removes what no decision will ask for again: confirmed runs decided before the window
 * ({@code retain}) and confirmed before it too (a late confirmation keeps its run), decisions to execute never confirmed and older than the window and than
 * {@link #PENDING_MINIMUM} (a client may still confirm them), the SQL texts of months and the run lists of
 * weeks wholly before the window, and explanations of decisions before it. Never removed: each target's latest
 * run and its SQL (everything a decision reads: latest, matches, decided, the clone index, lineages
 * are in the latest runs), the counts of {@code targets/<h>/explained}, and the aggregates of the
 * report package. Every delete is conditional on the version read, so several servers sweeping one
 * store at once remove each document once, and a confirmation racing the sweep wins.
 */
public final class Retention {
    /** Decisions to execute are kept at least this long whatever the window (the client's timeout is far shorter). */
    public static final Duration PENDING_MINIMUM = Duration.ofDays(7);
    /** The window of {@code serve --retain} when none is given. */
    public static final Duration DEFAULT_RETAIN = Duration.ofDays(90);

    /** What a sweep removed (or, planned, would remove). */
    public record Sweep(int runs, int pending, int sqlTexts, int weekLists, int explanations, long bytes) {
        public int total() {
            return runs + pending + sqlTexts + weekLists + explanations;
        }
    }

    private final StateStore store;
    private final Duration retain;

    /** A sweep with a window of {@code retain}, or, when null (retention off), one that removes only old pending decisions. */
    public Retention(StateStore store, Duration retain) {
        if (retain != null && retain.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("retention must keep at least one day, not " + retain);
        }
        this.store = store;
        this.retain = retain;
    }

    /** Removes what is past the window at {@code now}. */
    public Sweep sweep(Instant now) {
        return run(now, false);
    }

    /** What {@link #sweep} would remove at {@code now}, removing nothing. */
    public Sweep plan(Instant now) {
        return run(now, true);
    }

    private Sweep run(Instant now, boolean dryRun) {
        long cutoff = retain == null ? Long.MIN_VALUE : now.minus(retain).toEpochMilli();
        long pendingCutoff = retain == null ? now.minus(PENDING_MINIMUM).toEpochMilli()
                : Math.min(cutoff, now.minus(PENDING_MINIMUM).toEpochMilli());
        Set<String> keepRuns = new HashSet<>();
        Set<String> keepSql = new HashSet<>();
        try (Stream<String> keys = StoreHistory.guard(() -> store.list("targets/"))) {
            for (String k : keys.filter(key -> key.endsWith("/latest")).toList()) {
                StoreHistory.guard(() -> store.readValue(k)).ifPresent(v -> {
                    RunRecord r = RunJson.decode(v).run();
                    keepRuns.add(r.requestId());
                    if (!r.normalizedSql().isEmpty()) {
                        keepSql.add(Layout.sqlKey(r.requestId(), r.normalizedSql()));
                    }
                });
            }
        }
        Counter c = new Counter(dryRun);
        for (String key : list("runs/")) {
            String id = key.substring("runs/".length());
            long at = Layout.timeOf(id);
            if (at < 0 || at >= Math.max(cutoff, pendingCutoff) || keepRuns.contains(id)) {
                continue;
            }
            Optional<StateStore.Blob> blob = StoreHistory.guard(() -> store.read(key));
            if (blob.isEmpty()) {
                continue;
            }
            RunRecord run;
            try {
                run = RunJson.decode(blob.get().value()).run();
            } catch (RuntimeException unreadable) {
                continue; // left for inspect to show
            }
            if (run.confirmed() ? run.outcome().confirmedAtMs() < cutoff && !isLatest(run) : at < pendingCutoff) {
                c.delete(key, blob.get(), run.confirmed() ? Kind.RUN : Kind.PENDING);
            }
        }
        if (retain == null) {
            return new Sweep(c.counts[0], c.counts[1], 0, 0, 0, c.bytes);
        }
        String sqlMonth = Layout.month(pendingCutoff);
        for (String key : list("sql/")) {
            if (key.split("/")[1].compareTo(sqlMonth) < 0 && !keepSql.contains(key)) {
                c.deleteAsRead(key, Kind.SQL);
            }
        }
        String listWeek = Layout.week(cutoff);
        for (String key : list("targets/")) {
            String[] parts = key.split("/");
            if (parts.length == 4 && parts[2].equals("weeks") && parts[3].compareTo(listWeek) < 0) {
                c.deleteAsRead(key, Kind.WEEK_LIST);
            }
        }
        for (String key : list("explanations/")) {
            String second = key.split("/")[1];
            if (second.chars().allMatch(Character::isDigit) && Long.parseLong(second) * 1000 < cutoff) {
                c.deleteAsRead(key, Kind.EXPLANATIONS);
            }
        }
        return new Sweep(c.counts[0], c.counts[1], c.counts[2], c.counts[3], c.counts[4], c.bytes);
    }

    /** Read again just before the delete: a run confirmed since the sweep began may have become latest. */
    private boolean isLatest(RunRecord run) {
        String key = Layout.latestKey(run.targetKey());
        return StoreHistory.guard(() -> store.readValue(key))
                .map(v -> RunJson.decode(v).run().requestId().equals(run.requestId())).orElse(false);
    }

    private List<String> list(String prefix) {
        try (Stream<String> keys = StoreHistory.guard(() -> store.list(prefix))) {
            return keys.toList();
        }
    }

    private enum Kind { RUN, PENDING, SQL, WEEK_LIST, EXPLANATIONS }

    /** Counts (and, unless a dry run, makes) the conditional deletes. */
    private final class Counter {
        final boolean dryRun;
        final int[] counts = new int[Kind.values().length];
        long bytes;

        Counter(boolean dryRun) {
            this.dryRun = dryRun;
        }

        void deleteAsRead(String key, Kind kind) {
            StoreHistory.guard(() -> store.read(key)).ifPresent(b -> delete(key, b, kind));
        }

        void delete(String key, StateStore.Blob blob, Kind kind) {
            if (dryRun || StoreHistory.guard(() -> store.deleteIfVersion(key, blob.version()))) {
                counts[kind.ordinal()]++;
                bytes += blob.value().length + key.getBytes(StandardCharsets.UTF_8).length;
            }
        }
    }
}
