package dev.dbtstateoss.capture;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One recorded call, one line of a capture file:
 * {@code {"service", "method", "recorded_at", "metadata", "request", "response" | "error"}}.
 * The messages are in the {@link WireJson} format; a call that ended with an error status has
 * {@code "error": {"code": <gRPC code number>, "message": "..."}} in place of {@code response}.
 */
public record CaptureRecord(String service, String method, String recordedAt, List<Header> metadata, Message request,
        Message response, CallError error) {
    /** Written in place of credentials: the value of the {@code authorization} header. */
    public static final String REDACTED = "[redacted]";

    /** Headers whose values are recorded as {@link #REDACTED}. */
    public static final java.util.Set<String> REDACTED_HEADERS = java.util.Set.of("authorization", "proxy-authorization", "cookie");

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** One request header as the client sent it. */
    public record Header(String name, String value) {}

    /** The status of a call that did not answer with a message. */
    public record CallError(int code, String message) {}

    /** A line that parsed, with the fields our protos do not have. */
    public record Parsed(CaptureRecord record, List<WireJsonReader.Unknown> unknownFields) {}

    /** A line that cannot be replayed; {@code unknownMethod} when only the method is unknown. */
    public static final class BadLine extends RuntimeException {
        private final boolean unknownMethod;

        public BadLine(String message, boolean unknownMethod) {
            super(message);
            this.unknownMethod = unknownMethod;
        }

        public boolean unknownMethod() {
            return unknownMethod;
        }
    }

    public CaptureRecord {
        metadata = List.copyOf(metadata);
    }

    /** RFC 3339 in UTC with nanoseconds, as the hosted recordings write it. */
    public static String timestamp(Instant at) {
        return RFC_3339.format(at.atOffset(ZoneOffset.UTC));
    }

    /** The record as one line of JSON (no line break). */
    public String toJsonLine() {
        JsonObject o = new JsonObject();
        o.addProperty("service", service);
        o.addProperty("method", method);
        o.addProperty("recorded_at", recordedAt);
        JsonArray headers = new JsonArray();
        for (Header h : metadata) {
            JsonArray pair = new JsonArray();
            pair.add(h.name());
            pair.add(h.value());
            headers.add(pair);
        }
        o.add("metadata", headers);
        o.add("request", WireJson.toJson(request));
        if (error != null) {
            JsonObject e = new JsonObject();
            e.addProperty("code", error.code());
            e.addProperty("message", error.message());
            o.add("error", e);
        } else {
            o.add("response", WireJson.toJson(response));
        }
        return GSON.toJson(o);
    }

    /** Parses one line; throws {@link BadLine} when it is not a call we can read. */
    public static Parsed parse(String line) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new BadLine("not a JSON object", false);
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BadLine("not JSON: " + e.getMessage(), false);
        }
        String service = string(o, "service");
        String method = string(o, "method");
        CaptureMethods.Method m = CaptureMethods.find(service, method)
                .orElseThrow(() -> new BadLine("unknown method " + service + "/" + method, true));
        WireJsonReader reader = new WireJsonReader();
        try {
            Message request = reader.read(o.get("request"), m.requestPrototype(), "request");
            Message response = null;
            CallError error = null;
            JsonElement err = o.get("error");
            if (err != null && !err.isJsonNull()) {
                error = error(err);
            } else if (o.has("response")) {
                response = reader.read(o.get("response"), m.responsePrototype(), "response");
            } else {
                throw new BadLine("neither \"response\" nor \"error\"", false);
            }
            JsonElement at = o.get("recorded_at");
            String recordedAt = at == null || at.isJsonNull() ? "" : at.getAsString();
            return new Parsed(new CaptureRecord(service, method, recordedAt, headers(o.get("metadata")), request, response, error),
                    reader.unknownFields());
        } catch (WireJsonReader.Problem | IllegalStateException | UnsupportedOperationException e) {
            throw new BadLine(e.getMessage(), false);
        }
    }

    private static CallError error(JsonElement err) {
        if (!err.isJsonObject() || !err.getAsJsonObject().has("code")) {
            throw new BadLine("\"error\" must be {\"code\": <number>, \"message\": \"...\"}", false);
        }
        JsonObject e = err.getAsJsonObject();
        JsonElement message = e.get("message");
        try {
            return new CallError(e.get("code").getAsInt(),
                    message == null || message.isJsonNull() ? "" : message.getAsString());
        } catch (NumberFormatException | IllegalStateException | UnsupportedOperationException ex) {
            throw new BadLine("\"error\": " + ex.getMessage(), false);
        }
    }

    private static List<Header> headers(JsonElement json) {
        List<Header> out = new ArrayList<>();
        if (json == null || json.isJsonNull()) {
            return out;
        }
        if (!json.isJsonArray()) {
            throw new BadLine("\"metadata\" must be a list of [name, value] pairs", false);
        }
        for (JsonElement pair : json.getAsJsonArray()) {
            if (!pair.isJsonArray() || pair.getAsJsonArray().size() != 2 || !pair.getAsJsonArray().get(0).isJsonPrimitive()
                    || !pair.getAsJsonArray().get(1).isJsonPrimitive()) {
                throw new BadLine("\"metadata\" must be a list of [name, value] pairs, found " + pair, false);
            }
            out.add(new Header(pair.getAsJsonArray().get(0).getAsString(), pair.getAsJsonArray().get(1).getAsString()));
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new BadLine("\"" + key + "\" must be a string", false);
        }
        return v.getAsString();
    }
}
