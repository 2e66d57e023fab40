package dev.dbtstateoss.history;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The stored JSON of a run, written and read field by field (never by reflection over the engine's
 * record, so renaming a Java field cannot change what is stored). Format 2, the current one:
 *
 * <pre>
 * {"id": request id, "target": target key, "table": relation, "kind": "sql"|"values"|"clone"|"imported",
 *  "name": display name, "type": ExecutionType name, "fp": fingerprint, "node": node hash,
 *  "settings": settings hash, "clone": clone key, "inputs": {relation: last modified ms},
 *  "views": {view: text hash}, "upstream": {input: lineage}, "lineage": lineage,
 *  "decided": decided at ms, "sql": key of the SQL text document | "sqlText": the SQL itself,
 *  "dialect": the request's dialect (absent in runs recorded before it was kept),
 *  "outcome": {"at": ms, "modified": ms, "runtime": ms, "results": json, "tableType": type}}
 * </pre>
 *
 * Empty strings, empty maps and absent values are left out. The kind is the word of its {@link RunKind};
 * a document whose kind is absent or a word no release wrote is unreadable (a JsonParseException, which
 * readers treat as a damaged document), never read as a kind that could let a decision skip. Format 1 (written by Gson reflection,
 * the component names of {@link RunRecord} with nulls) is read by {@link #fromFormat1} for migration.
 */
final class RunJson {
    private RunJson() {}

    /** The document of a run; its SQL as a reference to {@code sqlKey}, or inline when sqlKey is null. */
    static byte[] encode(RunRecord r, String sqlKey) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.requestId());
        o.addProperty("target", r.targetKey());
        put(o, "table", r.targetTable());
        put(o, "kind", r.kind().stored());
        put(o, "name", r.displayName());
        o.addProperty("type", r.executionType().name());
        put(o, "fp", r.fingerprint());
        put(o, "node", r.nodeHash());
        put(o, "settings", r.settingsHash());
        put(o, "clone", r.cloneKey());
        if (!r.inputs().isEmpty()) {
            JsonObject inputs = new JsonObject();
            r.inputs().forEach(inputs::addProperty);
            o.add("inputs", inputs);
        }
        putMap(o, "views", r.viewTexts());
        putMap(o, "upstream", r.inputLineages());
        put(o, "lineage", r.lineage());
        o.addProperty("decided", r.decidedAtMs());
        if (sqlKey != null) {
            o.addProperty("sql", sqlKey);
        } else {
            put(o, "sqlText", r.normalizedSql());
        }
        put(o, "dialect", r.dialect());
        if (r.outcome() != null) {
            RunRecord.Outcome out = r.outcome();
            JsonObject oc = new JsonObject();
            oc.addProperty("at", out.confirmedAtMs());
            if (out.targetLastModifiedMs() != null) {
                oc.addProperty("modified", out.targetLastModifiedMs());
            }
            oc.addProperty("runtime", out.runtimeMs());
            put(oc, "results", out.executionResultsJson());
            put(oc, "tableType", out.tableType());
            o.add("outcome", oc);
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A decoded format-2 document: the run (its SQL inline or "") and the key of its SQL text, if any. */
    record Decoded(RunRecord run, String sqlKey) {}

    static Decoded decode(byte[] value) {
        JsonObject o = parse(value);
        Map<String, Long> inputs = new HashMap<>();
        if (o.has("inputs")) {
            o.getAsJsonObject("inputs").entrySet().forEach(e -> inputs.put(e.getKey(), e.getValue().getAsLong()));
        }
        RunRecord.Outcome outcome = null;
        if (o.has("outcome")) {
            JsonObject oc = o.getAsJsonObject("outcome");
            outcome = new RunRecord.Outcome(oc.get("at").getAsLong(),
                    oc.has("modified") ? oc.get("modified").getAsLong() : null, oc.get("runtime").getAsLong(),
                    text(oc, "results", null), text(oc, "tableType", null));
        }
        RunRecord r = RunRecord.builder().requestId(required(o, "id")).targetKey(required(o, "target"))
                .targetTable(text(o, "table", "")).kind(kind(o)).displayName(text(o, "name", ""))
                .executionType(ExecutionType.valueOf(required(o, "type"))).fingerprint(text(o, "fp", ""))
                .nodeHash(text(o, "node", "")).settingsHash(text(o, "settings", "")).cloneKey(text(o, "clone", null))
                .inputs(inputs).viewTexts(map(o, "views")).inputLineages(map(o, "upstream")).lineage(text(o, "lineage", ""))
                .decidedAtMs(o.get("decided").getAsLong()).normalizedSql(text(o, "sqlText", "")).dialect(text(o, "dialect", ""))
                .outcome(outcome).build();
        return new Decoded(r, text(o, "sql", null));
    }

    /** A run as format 1 stored it (Gson over the record's components). */
    static RunRecord fromFormat1(byte[] value) {
        JsonObject o = parse(value);
        Map<String, Long> inputs = new HashMap<>();
        if (o.has("inputs") && o.get("inputs").isJsonObject()) {
            o.getAsJsonObject("inputs").entrySet().forEach(e -> inputs.put(e.getKey(), e.getValue().getAsLong()));
        }
        RunRecord.Outcome outcome = null;
        if (o.has("outcome") && o.get("outcome").isJsonObject()) {
            JsonObject oc = o.getAsJsonObject("outcome");
            JsonElement modified = oc.get("targetLastModifiedMs");
            outcome = new RunRecord.Outcome(oc.get("confirmedAtMs").getAsLong(),
                    modified == null || modified.isJsonNull() ? null : modified.getAsLong(), oc.get("runtimeMs").getAsLong(),
                    text(oc, "executionResultsJson", null), text(oc, "tableType", null));
        }
        return RunRecord.builder().requestId(required(o, "requestId")).targetKey(required(o, "targetKey"))
                .targetTable(text(o, "targetTable", "")).kind(kind(o)).displayName(text(o, "displayName", ""))
                .executionType(ExecutionType.valueOf(required(o, "executionType"))).fingerprint(required(o, "fingerprint"))
                .nodeHash(text(o, "nodeHash", "")).settingsHash(text(o, "settingsHash", "")).cloneKey(text(o, "cloneKey", null))
                .inputs(inputs).viewTexts(map(o, "viewTexts")).inputLineages(map(o, "inputLineages"))
                .lineage(text(o, "lineage", "")).decidedAtMs(o.has("decidedAtMs") ? o.get("decidedAtMs").getAsLong() : 0)
                .normalizedSql(text(o, "normalizedSql", "")).outcome(outcome).build();
    }

    /** The kind a document names (the same field in both formats); absent or unknown makes it unreadable. */
    private static RunKind kind(JsonObject o) {
        String word = required(o, "kind");
        return RunKind.ofStored(word).orElseThrow(() -> new JsonParseException("unknown kind '" + word + "'"));
    }

    private static JsonObject parse(byte[] value) {
        JsonElement e = JsonParser.parseString(new String(value, StandardCharsets.UTF_8));
        if (!e.isJsonObject()) {
            throw new JsonParseException("not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static void put(JsonObject o, String name, String value) {
        if (value != null && !value.isEmpty()) {
            o.addProperty(name, value);
        }
    }

    private static void putMap(JsonObject o, String name, Map<String, String> m) {
        if (!m.isEmpty()) {
            JsonObject j = new JsonObject();
            m.forEach(j::addProperty);
            o.add(name, j);
        }
    }

    private static String required(JsonObject o, String name) {
        String v = text(o, name, null);
        if (v == null) {
            throw new JsonParseException("missing field " + name);
        }
        return v;
    }

    private static String text(JsonObject o, String name, String absent) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? absent : e.getAsString();
    }

    private static Map<String, String> map(JsonObject o, String name) {
        Map<String, String> m = new HashMap<>();
        if (o.has(name) && o.get(name).isJsonObject()) {
            o.getAsJsonObject(name).entrySet().forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        }
        return m;
    }
}
