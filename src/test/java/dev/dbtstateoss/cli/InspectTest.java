package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.engine.Confirmation;
import dev.dbtstateoss.engine.Decision;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.engine.NodeState;
import dev.dbtstateoss.engine.SqlRequest;
import dev.dbtstateoss.engine.StalePolicy;
import dev.dbtstateoss.engine.TableStamp;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.history.StoreHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectTest {
    static final String ORDERS = "\"db\".\"an\".\"orders\"";
    static final String RAW = "\"db\".\"raw\".\"orders\"";

    static void build(DecisionEngine engine, String sql, long rawMs, Long targetMs, long confirmedTargetMs) {
        List<TableStamp> tables = targetMs == null ? List.of(new TableStamp(RAW, rawMs))
                : List.of(new TableStamp(RAW, rawMs), new TableStamp(ORDERS, targetMs));
        Decision d = engine.decide(new SqlRequest(ORDERS, "", "postgres", ExecutionType.FULL, sql, tables, Map.of(), Map.of(), 0,
                true, StalePolicy.ANY, false, true, false, NodeState.EMPTY, Map.of("dbt_node_unique_id", "model.p.orders"),
                1_800_000_000_000L + confirmedTargetMs));
        engine.confirm(new Confirmation(((Decision.Execute) d).requestId(), confirmedTargetMs, 25, null, null,
                1_800_000_000_000L + confirmedTargetMs));
    }

    @Test
    void storeShowsWhatItHoldsAndWhatTheNextSweepWouldRemove(@TempDir Path dir) throws Exception {
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new LocalStore(dir))).ids(new Ids(Clock.systemUTC())).build();
        build(engine, "select id from " + RAW, 100, null, 500);
        build(engine, "select id from " + RAW + " where amount > 0", 120, 500L, 600);
        CliTest.Result r = CliTest.run("inspect", "store", "--store", "local", "--dir", dir.toString(), "--retain", "1d");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("runs (confirmed)") && l.contains(" 2 documents")), r.out());
        assertTrue(r.out().contains("targets: latest run") && r.out().contains("sql texts"), r.out());
        assertTrue(r.out().contains("the next sweep with --retain 1d would remove: 0 runs"), r.out());
        CliTest.Result bad = CliTest.run("inspect", "store", "--dir", dir.toString(), "--retain", "5m");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.out());
        assertTrue(bad.err().contains("--retain 5m"), bad.err());
    }

    @Test
    void targetsAndHistoryOfARealStore(@TempDir Path dir) throws Exception {
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new LocalStore(dir)))
                .ids(new Ids(Clock.systemUTC()))
                .build();
        build(engine, "select id from " + RAW, 100, null, 500);
        build(engine, "select id from " + RAW + " where amount > 0", 120, 500L, 600);

        CliTest.Result targets = CliTest.run("inspect", "targets", "--store", "local", "--dir", dir.toString());
        assertEquals(ExitCodes.OK, targets.code(), targets.err());
        assertTrue(targets.out().contains(ORDERS) && targets.out().contains("model.p.orders"), targets.out());
        assertTrue(targets.out().lines().anyMatch(l -> l.startsWith(ORDERS) && l.contains("  2  ")), targets.out());

        CliTest.Result history = CliTest.run("inspect", "history", ORDERS, "--store", "local", "--dir", dir.toString());
        assertEquals(ExitCodes.OK, history.code(), history.err());
        assertTrue(history.out().contains(RAW + "=100") && history.out().contains(RAW + "=120"), history.out());
        assertTrue(history.out().contains("2 runs"), history.out());

        Path same = java.nio.file.Files.writeString(dir.resolve("same.sql"), "SELECT id\nFROM " + RAW + "\nWHERE amount > 0 -- c");
        CliTest.Result recorded = CliTest.run("fingerprint", same.toString(), "--target", ORDERS, "--dir", dir.toString());
        assertEquals(ExitCodes.OK, recorded.code(), recorded.out() + recorded.err());
        assertTrue(recorded.out().contains("same query"), recorded.out());
        Path other = java.nio.file.Files.writeString(dir.resolve("other.sql"), "select id from " + RAW);
        assertEquals(ExitCodes.DIFFERENT, CliTest.run("fingerprint", other.toString(), "--target", ORDERS, "--dir",
                dir.toString()).code());

        CliTest.Result json = CliTest.run("inspect", "history", "model.p.orders", "--format", "json", "--store", "local", "--dir",
                dir.toString());
        assertEquals(2, com.google.gson.JsonParser.parseString(json.out()).getAsJsonArray().size(), json.out());
    }

    @Test
    void whyNamesTheNewerInputOrTheChangedQuery(@TempDir Path dir) throws Exception {
        StoreHistory history = new StoreHistory(new LocalStore(dir));
        try (var writer = new dev.dbtstateoss.history.ExplanationWriter(history.explanations(), w -> {})) {
            DecisionEngine engine = DecisionEngine.over(history)
                    .ids(new Ids(Clock.systemUTC()))
                    .explained(writer)
                    .build();
            build(engine, "select id from " + RAW, 100, null, 500);
            build(engine, "select id from " + RAW, 160, 500L, 600);
        }
        CliTest.Result counted = CliTest.run("inspect", "targets", "--format", "json", "--dir", dir.toString());
        var target = com.google.gson.JsonParser.parseString(counted.out()).getAsJsonArray().get(0).getAsJsonObject();
        assertEquals(2, target.get("executes").getAsInt(), counted.out());
        assertEquals(0, target.get("skips").getAsInt(), counted.out());
        CliTest.Result why = CliTest.run("inspect", "why", "model.p.orders", "--store", "local", "--dir", dir.toString());
        assertEquals(ExitCodes.OK, why.code(), why.err());
        assertTrue(why.out().startsWith("model.p.orders: EXECUTE (UPSTREAM_NEWER)"), why.out());
        assertTrue(why.out().contains("NO " + RAW + ": newer by 60 ms") && why.out().contains("(last modified 160, then 100)"),
                why.out());
        CliTest.Result whyJson = CliTest.run("inspect", "why", "model.p.orders", "--format", "json", "--dir", dir.toString());
        assertEquals("UPSTREAM_NEWER", com.google.gson.JsonParser.parseString(whyJson.out()).getAsJsonObject().get("reason")
                .getAsString(), whyJson.out());

        try (var writer = new dev.dbtstateoss.history.ExplanationWriter(history.explanations(), w -> {})) {
            DecisionEngine engine = DecisionEngine.over(history)
                    .ids(new Ids(Clock.systemUTC()))
                    .explained(writer)
                    .build();
            build(engine, "select id from " + RAW + " where 1 = 1", 160, 600L, 700);
        }
        why = CliTest.run("inspect", "why", ORDERS, "--store", "local", "--dir", dir.toString());
        assertTrue(why.out().contains("(QUERY_CHANGED)") && why.out().contains("NO query changed"), why.out());
        assertTrue(why.out().contains("now: ...") && why.out().contains("WHERE 1 = 1"), why.out());
        CliTest.Result decisions = CliTest.run("inspect", "decisions", "--store", "local", "--dir", dir.toString());
        assertTrue(decisions.out().contains("EXECUTE") && decisions.out().contains("QUERY_CHANGED")
                && decisions.out().contains("model.p.orders"), decisions.out());
        CliTest.Result unknown = CliTest.run("inspect", "why", "model.p.order", "--store", "local", "--dir", dir.toString());
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("closest: model.p.orders"), unknown.err());
    }

    @Test
    void theInteractivePromptRunsSubcommandsAndCompletesNames(@TempDir Path dir) throws Exception {
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new LocalStore(dir)))
                .ids(new Ids(Clock.systemUTC()))
                .build();
        build(engine, "select id from " + RAW, 100, null, 500);
        // Typed input that never reaches end-of-file (as a terminal's), so only "quit" ends the prompt.
        byte[] typed = ("targets\nhistory " + ORDERS + "\nquit\n").getBytes();
        var in = new java.io.InputStream() {
            private int next;

            @Override
            public int read() throws java.io.IOException {
                if (next < typed.length) {
                    return typed[next++];
                }
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        var out = new java.io.ByteArrayOutputStream();
        try (var terminal = org.jline.terminal.TerminalBuilder.builder().streams(in, out).dumb(true).build()) {
            InspectShell shell = new InspectShell(terminal, List.of("--store", "local", "--dir", dir.toString()),
                    new StoreHistory(new LocalStore(dir)));
            assertEquals(ExitCodes.OK, shell.run());
            List<org.jline.reader.Candidate> candidates = new java.util.ArrayList<>();
            var reader = org.jline.reader.LineReaderBuilder.builder().terminal(terminal).build();
            shell.completer().complete(reader, reader.getParser().parse("why mod", 7), candidates);
            assertTrue(candidates.stream().anyMatch(c -> c.value().equals("model.p.orders")), candidates.toString());
        }
        String screen = out.toString();
        assertTrue(screen.contains("1 targets") && screen.contains("1 runs"), screen);
    }

    @Test
    void anUnknownTargetNamesTheClosestOnes(@TempDir Path dir) {
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new LocalStore(dir)))
                .ids(new Ids(Clock.systemUTC()))
                .build();
        build(engine, "select id from " + RAW, 100, null, 500);
        CliTest.Result r = CliTest.run("inspect", "history", "\"db\".\"dev\".\"orders\"", "--store", "local", "--dir", dir.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("no recorded runs for \"db\".\"dev\".\"orders\"") && r.err().contains(ORDERS), r.err());
    }

    @Test
    void aDirectoryWithoutStateIsNamedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path typo = dir.resolve("no-such-dir");
        CliTest.Result r = CliTest.run("inspect", "targets", "--store", "local", "--dir", typo.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--dir " + typo + ": no such directory"), r.err());
        assertTrue(java.nio.file.Files.notExists(typo), "inspect created the directory");

        Path empty = java.nio.file.Files.createDirectories(dir.resolve("empty"));
        r = CliTest.run("inspect", "targets", "--store", "local", "--dir", empty.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("holds no dbt-state-oss state") && r.err().contains("--dir"), r.err());
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(empty)) {
            assertEquals(0, files.count(), "inspect wrote into the directory");
        }
    }
}
