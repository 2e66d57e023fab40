package dev.dbtstateoss.history;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.dbtstateoss.engine.Explanation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a document of archived explanations, written field by field. What a decision repeated
 * with the same explanation shares (everything but its id and time) is written once:
 *
 * <pre>
 * {"v":2,
 *  "bodies":[{"target":..,"node":..,"outcome":..,"reason":..,"description":..,"type":..,"reused":..,
 *             "lines":[[text,mark,badge],...]},...],
 *  "decisions":[[decisionId,atMs,bodyIndex],...]}
 * </pre>
 *
 * Documents of earlier versions, a JSON array of explanations with the record's component names, are
 * read as well.
 */
final class ExplanationBatchJson {
    private static final int VERSION = 2;
    private static final Gson EARLIER = new Gson();

    private ExplanationBatchJson() {}

    /** What explanations of one decision share with a repeat of it. */
    private record Body(String targetKey, String node, String outcome, String reason, String description,
            List<Explanation.Line> lines, String executionType, long reusedRuntimeMs) {
        static Body of(Explanation e) {
            return new Body(e.targetKey(), e.node(), e.outcome(), e.reason(), e.description(), e.lines(), e.executionType(),
                    e.reusedRuntimeMs());
        }

        Explanation with(String decisionId, long atMs) {
            return new Explanation(decisionId, targetKey, node, atMs, outcome, reason, description, lines, executionType,
                    reusedRuntimeMs);
        }
    }

    /** The document of these explanations, UTF-8. */
    static byte[] encode(List<Explanation> batch) {
        // Bodies are found by target, then compared with the target's last few: equals stops at the
        // first difference, where hashing a body would read every character of its lines.
        Map<String, List<Integer>> byTarget = new HashMap<>();
        List<Body> bodies = new ArrayList<>();
        int[] bodyOf = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Body b = Body.of(batch.get(i));
            List<Integer> ofTarget = byTarget.computeIfAbsent(String.valueOf(b.targetKey()), k -> new ArrayList<>());
            int at = -1;
            for (int j = ofTarget.size() - 1; j >= Math.max(0, ofTarget.size() - 8) && at < 0; j--) {
                if (bodies.get(ofTarget.get(j)).equals(b)) {
                    at = ofTarget.get(j);
                }
            }
            if (at < 0) {
                at = bodies.size();
                bodies.add(b);
                ofTarget.add(at);
            }
            bodyOf[i] = at;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * batch.size() + 256 * bodies.size());
        try (JsonWriter w = new JsonWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.beginObject();
            w.name("v").value(VERSION);
            w.name("bodies").beginArray();
            for (Body b : bodies) {
                writeBody(w, b);
            }
            w.endArray();
            w.name("decisions").beginArray();
            for (int i = 0; i < batch.size(); i++) {
                Explanation e = batch.get(i);
                w.beginArray().value(e.decisionId()).value(e.atMs()).value(bodyOf[i]).endArray();
            }
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The explanations of a document of either version, in the order written. */
    static List<Explanation> decode(byte[] document) {
        String json = new String(document, StandardCharsets.UTF_8);
        if (json.stripLeading().startsWith("[")) {
            Explanation[] all = EARLIER.fromJson(json, Explanation[].class);
            return List.of(all);
        }
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            return read(r);
        } catch (IOException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
    }

    private static void writeBody(JsonWriter w, Body b) throws IOException {
        w.beginObject();
        w.name("target").value(b.targetKey());
        w.name("node").value(b.node());
        w.name("outcome").value(b.outcome());
        w.name("reason").value(b.reason());
        w.name("description").value(b.description());
        w.name("type").value(b.executionType());
        w.name("reused").value(b.reusedRuntimeMs());
        w.name("lines").beginArray();
        for (Explanation.Line l : b.lines()) {
            w.beginArray().value(l.text()).value(l.mark() == null ? null : l.mark().name())
                    .value(l.badge() == null ? null : l.badge().name()).endArray();
        }
        w.endArray();
        w.endObject();
    }

    private static List<Explanation> read(JsonReader r) throws IOException {
        int version = -1;
        List<Body> bodies = new ArrayList<>();
        List<Explanation> out = new ArrayList<>();
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "v" -> version = r.nextInt();
                case "bodies" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        bodies.add(readBody(r));
                    }
                    r.endArray();
                }
                case "decisions" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        r.beginArray();
                        String id = string(r);
                        long atMs = r.nextLong();
                        int body = r.nextInt();
                        r.endArray();
                        if (body < 0 || body >= bodies.size()) {
                            throw new JsonParseException("no body " + body + " for " + id);
                        }
                        out.add(bodies.get(body).with(id, atMs));
                    }
                    r.endArray();
                }
                default -> r.skipValue();
            }
        }
        r.endObject();
        if (version != VERSION) {
            throw new JsonParseException("version " + version + ", not " + VERSION);
        }
        return out;
    }

    private static Body readBody(JsonReader r) throws IOException {
        String target = null;
        String node = null;
        String outcome = null;
        String reason = null;
        String description = null;
        String type = null;
        long reused = 0;
        List<Explanation.Line> lines = new ArrayList<>();
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "target" -> target = string(r);
                case "node" -> node = string(r);
                case "outcome" -> outcome = string(r);
                case "reason" -> reason = string(r);
                case "description" -> description = string(r);
                case "type" -> type = string(r);
                case "reused" -> reused = r.nextLong();
                case "lines" -> {
                    r.beginArray();
                    while (r.hasNext()) {
                        r.beginArray();
                        String text = string(r);
                        String mark = string(r);
                        String badge = string(r);
                        r.endArray();
                        lines.add(new Explanation.Line(text, mark == null ? null : Explanation.Mark.valueOf(mark),
                                badge == null ? null : Explanation.Badge.valueOf(badge)));
                    }
                    r.endArray();
                }
                default -> r.skipValue();
            }
        }
        r.endObject();
        return new Body(target, node, outcome, reason, description, lines, type, reused);
    }

    private static String string(JsonReader r) throws IOException {
        if (r.peek() == JsonToken.NULL) {
            r.nextNull();
            return null;
        }
        return r.nextString();
    }
}
