package dev.dbtstateoss.history;

import com.google.gson.JsonParseException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Reading values of stored JSON the way Gson's reflection read them, for the explicit mappings of
 * documents that earlier releases wrote with it (so those documents read as before).
 */
public final class LenientJson {
    private LenientJson() {}

    /** How one value is read. */
    public interface ValueReader<V> {
        V read(JsonReader r) throws IOException;
    }

    /**
     * The value of a whole document, read by {@code read}, or null for an empty document or a JSON
     * null (as Gson gave); a JsonParseException, or the value's own exception, for anything unreadable
     * (text left after the value included).
     */
    public static <T> T document(byte[] document, ValueReader<T> read) {
        try (JsonReader r = new JsonReader(new StringReader(new String(document, StandardCharsets.UTF_8)))) {
            r.setStrictness(Strictness.LENIENT);
            JsonToken first;
            try {
                first = r.peek();
            } catch (java.io.EOFException empty) {
                return null;
            }
            T value = first == JsonToken.NULL ? skipNull(r) : read.read(r);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("JSON document was not fully consumed.");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonSyntaxException(e.getMessage(), e);
        }
    }

    /** Reads a null; returns null (of any type). */
    public static <T> T skipNull(JsonReader r) throws IOException {
        r.nextNull();
        return null;
    }

    /** A string, also from a number or a boolean, as Gson read strings. */
    public static String string(JsonReader r) throws IOException {
        return switch (r.peek()) {
            case NULL -> skipNull(r);
            case BOOLEAN -> Boolean.toString(r.nextBoolean());
            default -> r.nextString();
        };
    }

    /** A number, also from a string of one; a null is unreadable, as Gson found it for a record's long. */
    public static long number(JsonReader r) throws IOException {
        if (r.peek() == JsonToken.NULL) {
            throw new JsonParseException("null is not allowed as a number at path " + r.getPath());
        }
        return r.nextLong();
    }
}
