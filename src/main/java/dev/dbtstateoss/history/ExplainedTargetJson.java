package dev.dbtstateoss.history;

import static dev.dbtstateoss.history.LenientJson.number;
import static dev.dbtstateoss.history.LenientJson.skipNull;
import static dev.dbtstateoss.history.LenientJson.string;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.dbtstateoss.engine.Explanation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of a {@code targets/<h>/explained} document, written and read field by field (never by
 * reflection over the records, so renaming a Java field cannot change what is stored):
 *
 * <pre>
 * {"latest": {"decisionId":..,"targetKey":..,"node":..,"atMs":..,"outcome":..,"reason":..,"description":..,
 *             "lines":[{"text":..,"mark":Mark name,"badge":Badge name},...],"executionType":..,"reusedRuntimeMs":..},
 *  "skips":..,"executes":..,"clones":..}
 * </pre>
 *
 * These are the names Gson reflection wrote before this mapping, nulls included, so documents of
 * either kind are read by servers of either kind. Reading is as lenient as that Gson was: absent
 * numbers are 0, absent strings null, an enum name no release wrote null, unknown fields skipped;
 * a null number, or an explanation without its lines, is unreadable, as it was.
 */
final class ExplainedTargetJson {
    private ExplainedTargetJson() {}

    /** The document of a target's record, UTF-8. */
    static byte[] encode(ExplainedTarget t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonWriter w = new JsonWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            w.beginObject();
            w.name("latest");
            writeExplanation(w, t.latest());
            w.name("skips").value(t.skips());
            w.name("executes").value(t.executes());
            w.name("clones").value(t.clones());
            w.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The record of a document, or null for an empty document or a JSON null (as Gson gave); a
     * JsonParseException, or the record's own exception, for anything unreadable.
     */
    static ExplainedTarget decode(byte[] document) {
        return LenientJson.document(document, ExplainedTargetJson::readTarget);
    }

    private static void writeExplanation(JsonWriter w, Explanation e) throws IOException {
        if (e == null) {
            w.nullValue();
            return;
        }
        w.beginObject();
        w.name("decisionId").value(e.decisionId());
        w.name("targetKey").value(e.targetKey());
        w.name("node").value(e.node());
        w.name("atMs").value(e.atMs());
        w.name("outcome").value(e.outcome());
        w.name("reason").value(e.reason());
        w.name("description").value(e.description());
        w.name("lines").beginArray();
        for (Explanation.Line l : e.lines()) {
            w.beginObject();
            w.name("text").value(l.text());
            w.name("mark").value(l.mark() == null ? null : l.mark().name());
            w.name("badge").value(l.badge() == null ? null : l.badge().name());
            w.endObject();
        }
        w.endArray();
        w.name("executionType").value(e.executionType());
        w.name("reusedRuntimeMs").value(e.reusedRuntimeMs());
        w.endObject();
    }

    private static ExplainedTarget readTarget(JsonReader r) throws IOException {
        Explanation latest = null;
        long skips = 0;
        long executes = 0;
        long clones = 0;
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "latest" -> latest = r.peek() == JsonToken.NULL ? skipNull(r) : readExplanation(r);
                case "skips" -> skips = number(r);
                case "executes" -> executes = number(r);
                case "clones" -> clones = number(r);
                default -> r.skipValue();
            }
        }
        r.endObject();
        return new ExplainedTarget(latest, skips, executes, clones);
    }

    private static Explanation readExplanation(JsonReader r) throws IOException {
        String decisionId = null;
        String targetKey = null;
        String node = null;
        long atMs = 0;
        String outcome = null;
        String reason = null;
        String description = null;
        List<Explanation.Line> lines = null;
        String executionType = null;
        long reusedRuntimeMs = 0;
        r.beginObject();
        while (r.hasNext()) {
            switch (r.nextName()) {
                case "decisionId" -> decisionId = string(r);
                case "targetKey" -> targetKey = string(r);
                case "node" -> node = string(r);
                case "atMs" -> atMs = number(r);
                case "outcome" -> outcome = string(r);
                case "reason" -> reason = string(r);
                case "description" -> description = string(r);
                case "lines" -> lines = r.peek() == JsonToken.NULL ? skipNull(r) : readLines(r);
                case "executionType" -> executionType = string(r);
                case "reusedRuntimeMs" -> reusedRuntimeMs = number(r);
                default -> r.skipValue();
            }
        }
        r.endObject();
        // The canonical constructor copies the lines: null lines, or a null line, throw as they did.
        return new Explanation(decisionId, targetKey, node, atMs, outcome, reason, description, lines, executionType,
                reusedRuntimeMs);
    }

    private static List<Explanation.Line> readLines(JsonReader r) throws IOException {
        List<Explanation.Line> lines = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            if (r.peek() == JsonToken.NULL) {
                lines.add(skipNull(r));
                continue;
            }
            String text = null;
            Explanation.Mark mark = null;
            Explanation.Badge badge = null;
            r.beginObject();
            while (r.hasNext()) {
                switch (r.nextName()) {
                    case "text" -> text = string(r);
                    case "mark" -> mark = constant(Explanation.Mark.class, string(r));
                    case "badge" -> badge = constant(Explanation.Badge.class, string(r));
                    default -> r.skipValue();
                }
            }
            r.endObject();
            lines.add(new Explanation.Line(text, mark, badge));
        }
        r.endArray();
        return lines;
    }

    /** The constant of this name, or null for null or a name no release wrote (as Gson read them). */
    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
