package dev.dbtstateoss.report;

import dev.dbtstateoss.history.LenientJson;
import static dev.dbtstateoss.history.LenientJson.number;
import static dev.dbtstateoss.history.LenientJson.skipNull;
import static dev.dbtstateoss.history.LenientJson.string;

import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of an {@code aggregates/<day>/<writer>} document, written and read field by field (never
 * by reflection over the records, so renaming a Java field cannot change what is stored):
 *
 * <pre>
 * {"day": "yyyy-mm-dd",
 *  "targets": {target key: {"targetKey":..,"project":..,"node":..,"executionType":..,"decisions":..,"reused":..,
 *              "cloned":..,"executed":..,"reusedRuntimeMs":..,"builds":..,"spentRuntimeMs":..,
 *              "notReused": {reason: count},"toleranceSeconds":..,"lastAtMs":..}}}
 * </pre>
 *
 * These are the names Gson reflection wrote before this mapping, null values left out as it left
 * them, so documents of either kind are read by servers of either kind. Reading is as lenient as
 * that Gson was: absent numbers are 0, absent strings and maps null (which {@link TargetDay} makes
 * "" and empty), a map also as an array of [key, value] pairs, unknown fields skipped; a null number,
 * a null count or a key given twice in a map is unreadable, as it was.
 */
final class DayAggregatesJson {
    private DayAggregatesJson() {}

    /** The document of one writer's figures of a day, UTF-8. */
    static byte[] encode(DayAggregates.Document d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * d.targets().size());
        try (JsonWriter w = new JsonWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.setSerializeNulls(false);
            w.beginObject();
            w.name("day").value(d.day());
            if (d.targets() != null) {
                w.name("targets").beginObject();
                for (Map.Entry<String, TargetDay> t : d.targets().entrySet()) {
                    if (t.getValue() != null) {
                        w.name(String.valueOf(t.getKey()));
                        writeTarget(w, t.getValue());
                    }
                }
                w.endObject();
            }
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The document, or null for an empty document or a JSON null (as Gson gave); a
     * JsonParseException, or a record's own exception, for anything unreadable.
     */
    static DayAggregates.Document decode(byte[] document) {
        return LenientJson.document(document, DayAggregatesJson::readDocument);
    }

    private static void writeTarget(JsonWriter w, TargetDay t) throws IOException {
        w.beginObject();
        w.name("targetKey").value(t.targetKey());
        w.name("project").value(t.project());
        w.name("node").value(t.node());
        w.name("executionType").value(t.executionType());
        w.name("decisions").value(t.decisions());
        w.name("reused").value(t.reused());
        w.name("cloned").value(t.cloned());
        w.name("executed").value(t.executed());
        w.name("reusedRuntimeMs").value(t.reusedRuntimeMs());
        w.name("builds").value(t.builds());
        w.name("spentRuntimeMs").value(t.spentRuntimeMs());
        w.name("notReused").beginObject();
        for (Map.Entry<String, Long> reason : new TreeMap<>(t.notReused()).entrySet()) {
            w.name(reason.getKey()).value(reason.getValue());
        }
        w.endObject();
        w.name("toleranceSeconds").value(t.toleranceSeconds());
        w.name("lastAtMs").value(t.lastAtMs());
        w.endObject();
    }

    private static DayAggregates.Document readDocument(JsonReader r) throws IOException {
        String day = null;
        Map<String, TargetDay> targets = null;
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "day" -> day = string(r);
                case "targets" -> targets = r.peek() == JsonToken.NULL ? skipNull(r) : readMap(r, DayAggregatesJson::readTarget);
                default -> r.skipValue();
            }
        }
        r.endObject();
        return new DayAggregates.Document(day, targets);
    }

    private static TargetDay readTarget(JsonReader r) throws IOException {
        String targetKey = null;
        String project = null;
        String node = null;
        String executionType = null;
        long decisions = 0;
        long reused = 0;
        long cloned = 0;
        long executed = 0;
        long reusedRuntimeMs = 0;
        long builds = 0;
        long spentRuntimeMs = 0;
        Map<String, Long> notReused = null;
        long toleranceSeconds = 0;
        long lastAtMs = 0;
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "targetKey" -> targetKey = string(r);
                case "project" -> project = string(r);
                case "node" -> node = string(r);
                case "executionType" -> executionType = string(r);
                case "decisions" -> decisions = number(r);
                case "reused" -> reused = number(r);
                case "cloned" -> cloned = number(r);
                case "executed" -> executed = number(r);
                case "reusedRuntimeMs" -> reusedRuntimeMs = number(r);
                case "builds" -> builds = number(r);
                case "spentRuntimeMs" -> spentRuntimeMs = number(r);
                case "notReused" -> notReused = r.peek() == JsonToken.NULL ? skipNull(r) : readMap(r, JsonReader::nextLong);
                case "toleranceSeconds" -> toleranceSeconds = number(r);
                case "lastAtMs" -> lastAtMs = number(r);
                default -> r.skipValue();
            }
        }
        r.endObject();
        // The canonical constructor copies the counts: a null count throws as it did.
        return new TargetDay(targetKey, project, node, executionType, decisions, reused, cloned, executed, reusedRuntimeMs,
                builds, spentRuntimeMs, notReused, toleranceSeconds, lastAtMs);
    }


    /**
     * A map as Gson read one: an object of values, or an array of [key, value] pairs; a null value
     * kept, a key given twice unreadable.
     */
    private static <V> Map<String, V> readMap(JsonReader r, LenientJson.ValueReader<V> values) throws IOException {
        Map<String, V> map = new LinkedHashMap<>();
        boolean pairs = r.peek() == JsonToken.BEGIN_ARRAY;
        if (pairs) {
            r.beginArray();
        } else {
            r.beginObject();
        }
        while (r.hasNext()) {
            if (pairs) {
                r.beginArray();
            }
            String key = pairs ? string(r) : r.nextName();
            V value = r.peek() == JsonToken.NULL ? skipNull(r) : values.read(r);
            if (pairs) {
                r.endArray();
            }
            if (map.containsKey(key)) {
                throw new JsonSyntaxException("duplicate key: " + key);
            }
            map.put(key, value);
        }
        if (pairs) {
            r.endArray();
        } else {
            r.endObject();
        }
        return map;
    }
}
