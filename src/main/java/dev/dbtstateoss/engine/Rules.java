package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The decision rules, as a pure function of the request and the newest confirmed run of its key.
 * A skip needs proof from the recorded run; anything unknown or missing means execute.
 */
public final class Rules {
    /** Functions whose value changes between runs of the same SQL. */
    private static final Set<String> VOLATILE = Set.of(
            "NOW", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP",
            "CLOCK_TIMESTAMP", "STATEMENT_TIMESTAMP", "TRANSACTION_TIMESTAMP", "TIMEOFDAY", "SYSDATE",
            "SYSTIMESTAMP", "GETDATE", "RANDOM", "RAND", "UUID", "GEN_RANDOM_UUID", "UUID_STRING",
            "GENERATE_UUID", "NEWID", "UUID_GENERATE_V4", "SETSEED", "NEXTVAL");

    private Rules() {}

    /** What the rules concluded, before ids and wording are attached. */
    public sealed interface Verdict permits Reuse, Run {}

    public record Reuse(SkipReason reason, String detail) implements Verdict {
        /** True when some input is newer than at the reused run (the client shows "within tolerance"). */
        public boolean stale() {
            return reason == SkipReason.WITHIN_TOLERANCE || reason == SkipReason.NOT_ALL_INPUTS_STALE;
        }
    }

    public record Run(ExecuteReason reason, String detail) implements Verdict {}

    /**
     * Everything besides the SQL text that changes what a build produces: semantic configs, the
     * definitions of views read through, the materialization, docs persisted and the contract.
     */
    public static String settingsHash(SqlRequest r) {
        return settingsHash(r, ViewHashes.of(r));
    }

    /** As above, with the hashes of the request's views already computed. */
    public static String settingsHash(SqlRequest r, ViewHashes views) {
        Map<String, String> s = new TreeMap<>();
        r.semanticExtras().forEach((k, v) -> s.put("extra." + k, v));
        views.bodies().forEach((k, v) -> s.put("view." + k, v));
        s.put("execution_type", r.executionType().name());
        s.put("dialect", r.dialect());
        s.put("persisted_descriptions", r.nodeState().persistedDescriptionsHash());
        s.put("contract", r.nodeState().contractHash());
        return Fingerprinter.sha256(s.toString());
    }

    /** Inputs of the request: every stamped relation except the node's own target. */
    public static Map<String, Long> inputs(SqlRequest r) {
        Map<String, Long> in = new TreeMap<>();
        for (TableStamp t : r.tables()) {
            if (!t.name().equals(r.targetTable())) {
                in.merge(t.name(), t.lastModifiedMs() == null ? Long.MIN_VALUE : t.lastModifiedMs(), Math::max);
            }
        }
        return in;
    }

    public static Verdict decide(SqlRequest r, Fingerprint fp, Optional<RunRecord> latest) {
        ViewHashes views = ViewHashes.of(r);
        return decide(r, fp, views, settingsHash(r, views), latest, ReusePolicy.DEFAULT, () -> SelectStar.of(r.sql()));
    }

    /**
     * As above, with the hashes of the request's views and its {@link #settingsHash} already computed
     * ({@code views}, {@code settings}), the server's {@code policy}, and {@code stars} giving
     * {@link SelectStar#of} of the SQL when needed.
     */
    public static Verdict decide(SqlRequest r, Fingerprint fp, ViewHashes views, String settings, Optional<RunRecord> latest,
            ReusePolicy policy, Supplier<SelectStar.Result> stars) {
        Verdict v = decideUnlessColumns(r, fp, views, settings, latest, policy);
        if (v instanceof Reuse && !r.isDataTest() && !policy.reuseSelectStar()
                && !FreshnessSignal.of(r.dialect()).movesOnDdl()) {
            Optional<Run> columns = Columns.check(r, latest.get(), stars.get());
            if (columns.isPresent()) {
                return columns.get();
            }
        }
        return v;
    }

    private static Verdict decideUnlessColumns(SqlRequest r, Fingerprint fp, ViewHashes views, String settings, Optional<RunRecord> latest,
            ReusePolicy policy) {
        if (r.executionType() == ExecutionType.UNRECOGNIZED || r.executionType() == ExecutionType.UNSPECIFIED
                || r.executionType() == ExecutionType.VALUES) {
            return new Run(ExecuteReason.UNSUPPORTED_REQUEST, "execution type " + r.executionType() + " is never skipped");
        }
        Long targetMs = null;
        if (!r.isDataTest()) {
            Optional<TableStamp> target = r.tables().stream().filter(t -> t.name().equals(r.targetTable())).findFirst();
            if (target.isEmpty() || target.get().lastModifiedMs() == null) {
                return new Run(ExecuteReason.TARGET_MISSING, r.targetTable() + " has no timestamp: it does not exist or is empty");
            }
            targetMs = target.get().lastModifiedMs();
        }
        if (latest.isEmpty()) {
            return new Run(ExecuteReason.NO_PRIOR_RUN, "no confirmed run is recorded for this node");
        }
        RunRecord last = latest.get();
        if (!last.fingerprint().equals(fp.hash()) && !sameUnrenderedNode(r, last)) {
            return new Run(ExecuteReason.QUERY_CHANGED, "the SQL differs from the recorded run's");
        }
        if (!last.settingsHash().equals(settings)) {
            return new Run(ExecuteReason.SETTINGS_CHANGED,
                    "a setting that changes the result differs (semantic config, materialization, docs or contract)");
        }
        if (!r.tolerateNondeterminism() && isVolatile(r.sql())) {
            return new Run(ExecuteReason.NONDETERMINISTIC, "the SQL calls a volatile function and nondeterminism is not tolerated");
        }
        Optional<Run> changed = asLeft(r.targetTable(), r.ignoreExternalModifications() ? null : targetMs, r.dialect(), r.nowMs(),
                last, policy, "run");
        return changed.isPresent() ? changed.get() : decideFreshness(r, last, views);
    }

    /**
     * The target as the recorded run left it ({@code targetMs} null: not checked), and the run no
     * older than the policy's max reuse age.
     */
    private static Optional<Run> asLeft(String table, Long targetMs, String dialect, long nowMs, RunRecord last,
            ReusePolicy policy, String what) {
        if (targetMs != null) {
            Optional<Run> modified = targetCheck(table, targetMs, last.outcome().targetLastModifiedMs(),
                    FreshnessSignal.of(dialect), what);
            if (modified.isPresent()) {
                return modified;
            }
        }
        return ageCheck(nowMs, last, policy);
    }

    /** The target must read as the recorded run left it: not newer, and not older beyond the allowance. */
    private static Optional<Run> targetCheck(String table, long nowMs, Long recorded, FreshnessSignal signal, String what) {
        if (recorded == null || nowMs > recorded) {
            return Optional.of(new Run(ExecuteReason.TARGET_MODIFIED, table + " was modified at " + nowMs
                    + ", after the recorded " + what + " (" + recorded + ")"));
        }
        if (nowMs < recorded - signal.backwardAllowanceMs()) {
            return Optional.of(new Run(ExecuteReason.TARGET_WENT_BACK, table + " reads " + nowMs + ", older than the "
                    + recorded + " the recorded " + what + " left (by " + (recorded - nowMs) + " ms, allowed "
                    + signal.backwardAllowanceMs() + " ms): rows were deleted, or it was restored or re-created"));
        }
        return Optional.empty();
    }

    /** With a max reuse age set, a build older than that is not reused, whatever else holds. */
    private static Optional<Run> ageCheck(long nowMs, RunRecord last, ReusePolicy policy) {
        long ageMs = nowMs - last.decidedAtMs();
        if (policy.maxReuseAgeMs() > 0 && ageMs > policy.maxReuseAgeMs()) {
            return Optional.of(new Run(ExecuteReason.REUSE_TOO_OLD, "the recorded build is " + ageMs / 1000
                    + " s old, more than the server's max reuse age of " + policy.maxReuseAgeMs() / 1000 + " s"));
        }
        return Optional.empty();
    }

    /** With compare_unrendered_code, an unchanged node hash counts as the same query. */
    private static boolean sameUnrenderedNode(SqlRequest r, RunRecord last) {
        String hash = r.nodeState().nodeHash();
        return r.compareUnrenderedCode() && !hash.isEmpty() && hash.equals(last.nodeHash());
    }

    private static Verdict decideFreshness(SqlRequest r, RunRecord last, ViewHashes views) {
        Map<String, Long> now = inputs(r);
        if (!now.keySet().equals(last.inputs().keySet())) {
            return new Run(ExecuteReason.INPUTS_CHANGED, "the set of input relations differs: now " + now.keySet()
                    + ", recorded " + last.inputs().keySet());
        }
        List<String> stale = new ArrayList<>();
        List<String> back = new ArrayList<>();
        long allowanceMs = FreshnessSignal.of(r.dialect()).backwardAllowanceMs();
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long recorded = last.inputs().get(e.getKey());
            if (e.getValue() == Long.MIN_VALUE || recorded == Long.MIN_VALUE) {
                return new Run(ExecuteReason.INPUT_TIMESTAMP_MISSING, e.getKey() + " has no timestamp");
            }
            if (e.getValue() > recorded) {
                stale.add(e.getKey() + " newer by " + (e.getValue() - recorded) + " ms");
            } else if (e.getValue() < recorded - allowanceMs) {
                String change = e.getKey() + " reads " + e.getValue() + ", older than the " + recorded
                        + " recorded with the run (by " + (recorded - e.getValue()) + " ms, allowed " + allowanceMs + " ms)";
                stale.add(change);
                back.add(change);
            }
        }
        Map<String, String> recordedViews = last.viewTexts() == null ? Map.of() : last.viewTexts();
        views.texts().forEach((view, text) -> {
            if (!text.equals(recordedViews.get(view))) {
                stale.add("view " + view + " was re-created with the same query");
            }
        });
        if (stale.isEmpty()) {
            return new Reuse(SkipReason.UP_TO_DATE, "same SQL and settings; no input changed since the recorded run");
        }
        String staleList = String.join(", ", stale);
        if (r.stalePolicy() == StalePolicy.ALL && stale.size() < now.size()) {
            return new Reuse(SkipReason.NOT_ALL_INPUTS_STALE, "policy ALL and only some inputs are newer: " + staleList);
        }
        long ageMs = r.nowMs() - last.decidedAtMs();
        long toleranceMs = Math.max(0, r.toleranceSeconds()) * 1000;
        if (toleranceMs > 0 && ageMs >= 0 && ageMs < toleranceMs) {
            return new Reuse(SkipReason.WITHIN_TOLERANCE, staleList + "; last build " + ageMs / 1000
                    + " s ago, within the tolerance of " + r.toleranceSeconds() + " s");
        }
        return new Run(back.isEmpty() ? ExecuteReason.UPSTREAM_NEWER : ExecuteReason.INPUT_WENT_BACK, staleList
                + "; tolerance " + r.toleranceSeconds() + " s, last build " + (ageMs / 1000) + " s ago");
    }

    public static Verdict decideValues(ValuesRequest r, Optional<RunRecord> latest) {
        return decideValues(r, latest, ReusePolicy.DEFAULT);
    }

    public static Verdict decideValues(ValuesRequest r, Optional<RunRecord> latest, ReusePolicy policy) {
        if (r.targetLastModifiedMs() == null) {
            return new Run(ExecuteReason.TARGET_MISSING, r.targetTable() + " has no timestamp: it does not exist or is empty");
        }
        if (latest.isEmpty()) {
            return new Run(ExecuteReason.NO_PRIOR_RUN, "no confirmed load is recorded for this seed");
        }
        RunRecord last = latest.get();
        if (!last.fingerprint().equals(r.valuesHash())) {
            return new Run(ExecuteReason.VALUES_CHANGED, "the seed file's hash differs from the recorded load's");
        }
        Optional<Run> changed = asLeft(r.targetTable(), r.targetLastModifiedMs(), r.dialect(), r.nowMs(), last, policy, "load");
        if (changed.isPresent()) {
            return changed.get();
        }
        return new Reuse(SkipReason.SAME_VALUES, "same values hash and the table is as the recorded load left it");
    }

    static boolean isVolatile(String sql) {
        List<String> tokens = SqlTokens.of(sql, SqlTokens.Reading.STANDARD);
        for (String t : tokens) {
            if (VOLATILE.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
