package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.Confirmation;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.NodeState;
import dev.dbtstateoss.engine.SqlRequest;
import dev.dbtstateoss.engine.StalePolicy;
import dev.dbtstateoss.engine.TableStamp;
import dev.dbtstateoss.history.ExplanationWriter;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated warehouse and dbt client in front of an engine wired as {@code serve} wires it (explanations and daily
 * figures written in the background): tables with their last modification, models decided and, when told to
 * execute, built and confirmed with a runtime.
 */
public final class Warehouse implements AutoCloseable {
    public final Map<String, Long> modified = new HashMap<>();
    public final StoreHistory history;
    final ExplanationWriter explanations;
    final AggregateWriter aggregates;
    public final DecisionEngine engine;
    /** The client's clock: 01:00 UTC three days ago, so that reports of the last days see everything. */
    public long now = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).atStartOfDay(java.time.ZoneOffset.UTC)
            .plusHours(1).toInstant().toEpochMilli();

    public Warehouse(StateStore store) {
        history = new StoreHistory(store);
        explanations = new ExplanationWriter(history.explanations(), w -> {}, Duration.ofMillis(1));
        aggregates = new AggregateWriter(new DayAggregates(store), "warehouse", w -> {}, Duration.ofMillis(20));
        engine = DecisionEngine.over(new ConfirmedRuns(history, aggregates::confirmed))
                .ids(new Ids(Clock.systemUTC()))
                .explained(explanations.andThen(aggregates))
                .archive(history.explanations())
                .build();
    }

    public static String table(String name) {
        return "\"db\".\"an\".\"" + name + "\"";
    }

    /** New rows land in a source. */
    public void load(String source) {
        modified.put(table(source), now);
    }

    /** One node's question and, when told to build, its run; returns the decision. */
    public Decision model(String project, String name, String sql, List<String> inputs, long toleranceSeconds, ExecutionType type,
            long runtimeMs) {
        List<TableStamp> stamps = new ArrayList<>();
        for (String in : inputs) {
            stamps.add(new TableStamp(table(in), modified.get(table(in))));
        }
        stamps.add(new TableStamp(table(name), modified.get(table(name))));
        SqlRequest r = new SqlRequest(table(name), "", "postgres", type, sql, stamps, Map.of(), Map.of(), toleranceSeconds, true,
                StalePolicy.ANY, false, false, false, NodeState.EMPTY, Map.of("dbt_node_unique_id", "model." + project + "." + name),
                now);
        Decision d = engine.decide(r);
        if (d instanceof Decision.Execute e) {
            modified.put(table(name), now + 1);
            engine.confirm(new Confirmation(e.requestId(), now + 1, runtimeMs, null, null, now + 2));
        }
        return d;
    }

    public Decision model(String name, String sql, List<String> inputs, long runtimeMs) {
        return model("shop", name, sql, inputs, 0, ExecutionType.FULL, runtimeMs);
    }

    public void advance(Duration d) {
        now += d.toMillis();
    }

    /** Writes out everything waiting. */
    @Override
    public void close() {
        explanations.close();
        aggregates.close();
    }
}
