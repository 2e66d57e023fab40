package dev.dbtstateoss.capture;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes protobuf messages as the JSON of capture files (the shape of the hosted service's recorded
 * traffic), driven by the message descriptors:
 *
 * <ul>
 *   <li>field names are the proto names (snake_case); every field is written, defaults included
 *       ({@code ""}, {@code 0}, {@code false}, {@code []}, {@code {}});
 *   <li>a field with presence (a message field, a proto3 {@code optional} scalar) that is not set is
 *       {@code null};
 *   <li>enums are numbers; 64-bit integers are JSON numbers (never strings); bytes are base64;
 *   <li>a oneof is written under its own name, holding an object with its one set member
 *       ({@code {"response": {"skip_execution": {...}}}}), or {@code null} when none is set;
 *   <li>maps are JSON objects; {@code Struct} is an ordinary message here
 *       ({@code {"fields": {"k": {"kind": {"int_value": 0}}}}}).
 * </ul>
 *
 * {@link WireJsonReader} reads this format back.
 */
public final class WireJson {
    private WireJson() {}

    /** The message as a JSON object, fields in declaration order. */
    public static JsonObject toJson(MessageOrBuilder m) {
        JsonObject out = new JsonObject();
        Set<OneofDescriptor> written = new HashSet<>();
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            OneofDescriptor oneof = f.getRealContainingOneof();
            if (oneof == null) {
                out.add(f.getName(), fieldJson(m, f));
            } else if (written.add(oneof)) {
                out.add(oneof.getName(), oneofJson(m, oneof));
            }
        }
        return out;
    }

    /** One oneof: {@code {"<variant>": value}}, or null when no member is set. */
    public static JsonElement oneofJson(MessageOrBuilder m, OneofDescriptor oneof) {
        FieldDescriptor set = m.getOneofFieldDescriptor(oneof);
        if (set == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject holder = new JsonObject();
        holder.add(set.getName(), valueJson(set, m.getField(set)));
        return holder;
    }

    /** One field as it appears in the message's JSON (a oneof member alone, without its wrapper). */
    public static JsonElement fieldJson(MessageOrBuilder m, FieldDescriptor f) {
        if (f.isMapField()) {
            FieldDescriptor keyField = f.getMessageType().findFieldByName("key");
            FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
            JsonObject map = new JsonObject();
            for (Object e : (List<?>) m.getField(f)) {
                Message entry = (Message) e;
                map.add(String.valueOf(entry.getField(keyField)), valueJson(valueField, entry.getField(valueField)));
            }
            return map;
        }
        if (f.isRepeated()) {
            JsonArray list = new JsonArray();
            for (Object v : (List<?>) m.getField(f)) {
                list.add(valueJson(f, v));
            }
            return list;
        }
        if (f.hasPresence() && !m.hasField(f)) {
            return JsonNull.INSTANCE;
        }
        return valueJson(f, m.getField(f));
    }

    /** A single value of field {@code f} (an element, for repeated fields). */
    static JsonElement valueJson(FieldDescriptor f, Object v) {
        switch (f.getJavaType()) {
            case INT:
                return isUnsigned(f) ? new JsonPrimitive(Integer.toUnsignedLong((Integer) v)) : new JsonPrimitive((Integer) v);
            case LONG:
                return isUnsigned(f) ? new JsonPrimitive(new BigInteger(Long.toUnsignedString((Long) v)))
                        : new JsonPrimitive((Long) v);
            case FLOAT:
            case DOUBLE:
                double d = ((Number) v).doubleValue();
                // JSON has no NaN or infinities; they are written as strings, which the reader accepts.
                return Double.isFinite(d) ? new JsonPrimitive((Number) v) : new JsonPrimitive(Double.toString(d));
            case BOOLEAN:
                return new JsonPrimitive((Boolean) v);
            case STRING:
                return new JsonPrimitive((String) v);
            case BYTE_STRING:
                return new JsonPrimitive(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case ENUM:
                return new JsonPrimitive(((EnumValueDescriptor) v).getNumber());
            case MESSAGE:
                return toJson((Message) v);
            default:
                throw new IllegalArgumentException("unsupported field type of " + f.getFullName());
        }
    }

    static boolean isUnsigned(FieldDescriptor f) {
        switch (f.getType()) {
            case UINT32:
            case FIXED32:
            case UINT64:
            case FIXED64:
                return true;
            default:
                return false;
        }
    }
}
