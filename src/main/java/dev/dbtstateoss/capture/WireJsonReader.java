package dev.dbtstateoss.capture;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map.Entry;
import java.util.Map;

/**
 * Reads the JSON written by {@link WireJson} (and recorded by the hosted service's tooling) into
 * messages. It tolerates what that tooling writes differently from our protos: field aliases (see
 * {@link #ALIASES}), {@code null} for any unset field, a oneof member given without its wrapper.
 * Fields our protos do not have are skipped and listed in {@link #unknownFields()}; values of the
 * wrong kind raise {@link Problem}. One reader per document.
 */
public final class WireJsonReader {
    /** Recorded names of fields our protos name differently: "message full name.recorded" to ours. */
    public static final Map<String, String> ALIASES = Map.of(
            "com.fivetran.query_cache.ConfirmExecutionResponse.request_id", "execution_id");

    /**
     * A field our protos do not have: where it was ({@code path}), as {@code Message.field}
     * ({@code field}), and whether it held nothing (null, "", 0, false, [], {}), so that ignoring it
     * lost nothing.
     */
    public record Unknown(String path, String field, boolean empty) {}

    /** A value that cannot be read into its field; the message names the path. */
    public static final class Problem extends RuntimeException {
        public Problem(String path, String message) {
            super(path + ": " + message);
        }
    }

    private final List<Unknown> unknown = new ArrayList<>();

    /** Reads {@code json} into a message of the prototype's type; {@code path} prefixes reported paths. */
    @SuppressWarnings("unchecked")
    public <T extends Message> T read(JsonElement json, T prototype, String path) {
        if (json == null || !json.isJsonObject()) {
            throw new Problem(path, "expected an object, found " + kind(json));
        }
        Message.Builder b = prototype.newBuilderForType();
        merge(json.getAsJsonObject(), b, path);
        return (T) b.build();
    }

    public List<Unknown> unknownFields() {
        return List.copyOf(unknown);
    }

    private void merge(JsonObject o, Message.Builder b, String path) {
        Descriptor d = b.getDescriptorForType();
        for (Entry<String, JsonElement> e : o.entrySet()) {
            String name = e.getKey();
            String at = path + "." + name;
            FieldDescriptor f = d.findFieldByName(name);
            if (f == null) {
                f = d.findFieldByName(ALIASES.getOrDefault(d.getFullName() + "." + name, ""));
            }
            if (f != null) {
                setField(b, f, e.getValue(), at);
                continue;
            }
            OneofDescriptor oneof = realOneof(d, name);
            if (oneof != null) {
                readOneof(b, oneof, e.getValue(), at);
            } else {
                unknown.add(new Unknown(at, d.getName() + "." + name, isEmpty(e.getValue())));
            }
        }
    }

    private void readOneof(Message.Builder b, OneofDescriptor oneof, JsonElement v, String path) {
        if (v.isJsonNull()) {
            return;
        }
        if (!v.isJsonObject() || v.getAsJsonObject().size() > 1) {
            throw new Problem(path, "a oneof holds an object with one member, found " + kind(v));
        }
        for (Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
            FieldDescriptor f = oneof.getContainingType().findFieldByName(e.getKey());
            if (f == null || f.getRealContainingOneof() != oneof) {
                unknown.add(new Unknown(path + "." + e.getKey(), oneof.getContainingType().getName() + "." + oneof.getName()
                        + "." + e.getKey(), isEmpty(e.getValue())));
            } else {
                setField(b, f, e.getValue(), path + "." + e.getKey());
            }
        }
    }

    private void setField(Message.Builder b, FieldDescriptor f, JsonElement v, String path) {
        if (v.isJsonNull()) {
            return;
        }
        if (f.isMapField()) {
            if (!v.isJsonObject()) {
                throw new Problem(path, "expected an object (a map), found " + kind(v));
            }
            FieldDescriptor keyField = f.getMessageType().findFieldByName("key");
            FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
            for (Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
                Message.Builder entry = b.newBuilderForField(f);
                String at = path + "." + e.getKey();
                entry.setField(keyField, keyField.getJavaType() == FieldDescriptor.JavaType.BOOLEAN
                        ? Boolean.valueOf(booleanKey(e.getKey(), at))
                        : value(entry, keyField, new JsonPrimitive(e.getKey()), at));
                if (!e.getValue().isJsonNull()) {
                    entry.setField(valueField, value(entry, valueField, e.getValue(), at));
                }
                b.addRepeatedField(f, entry.build());
            }
        } else if (f.isRepeated()) {
            if (!v.isJsonArray()) {
                throw new Problem(path, "expected a list, found " + kind(v));
            }
            int i = 0;
            for (JsonElement item : v.getAsJsonArray()) {
                String at = path + "[" + i++ + "]";
                if (item.isJsonNull()) {
                    throw new Problem(at, "a list element cannot be null");
                }
                b.addRepeatedField(f, value(b, f, item, at));
            }
        } else {
            b.setField(f, value(b, f, v, path));
        }
    }

    /** One value of field {@code f}; {@code owner} builds nested messages. */
    private Object value(Message.Builder owner, FieldDescriptor f, JsonElement v, String path) {
        try {
            switch (f.getJavaType()) {
                case INT:
                    long i = integer(v, path).longValueExact();
                    long min = WireJson.isUnsigned(f) ? 0 : Integer.MIN_VALUE;
                    long max = WireJson.isUnsigned(f) ? 0xFFFFFFFFL : Integer.MAX_VALUE;
                    if (i < min || i > max) {
                        throw new Problem(path, "out of range: " + v);
                    }
                    return (int) i;
                case LONG:
                    BigInteger l = integer(v, path);
                    if (WireJson.isUnsigned(f)) {
                        if (l.signum() < 0 || l.bitLength() > 64) {
                            throw new Problem(path, "out of range: " + v);
                        }
                        return l.longValue();
                    }
                    return l.longValueExact();
                case FLOAT:
                    return (float) number(v, path);
                case DOUBLE:
                    return number(v, path);
                case BOOLEAN:
                    if (!primitive(v, path).isBoolean()) {
                        throw new Problem(path, "expected true or false, found " + v);
                    }
                    return v.getAsBoolean();
                case STRING:
                    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                        throw new Problem(path, "expected a string, found " + kind(v));
                    }
                    return v.getAsString();
                case BYTE_STRING:
                    return ByteString.copyFrom(Base64.getDecoder().decode(primitive(v, path).getAsString()));
                case ENUM:
                    return enumValue(f, primitive(v, path), path);
                case MESSAGE:
                    if (!v.isJsonObject()) {
                        throw new Problem(path, "expected an object, found " + kind(v));
                    }
                    Message.Builder nested = owner.newBuilderForField(f);
                    merge(v.getAsJsonObject(), nested, path);
                    return nested.build();
                default:
                    throw new Problem(path, "unsupported field type");
            }
        } catch (ArithmeticException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new Problem(path, "invalid value " + v + " (" + e.getMessage() + ")");
        }
    }

    private static boolean booleanKey(String key, String path) {
        if (!key.equals("true") && !key.equals("false")) {
            throw new Problem(path, "expected the key true or false");
        }
        return key.equals("true");
    }

    private static EnumValueDescriptor enumValue(FieldDescriptor f, JsonPrimitive p, String path) {
        if (p.isNumber()) {
            return f.getEnumType().findValueByNumberCreatingIfUnknown(new BigDecimal(p.getAsString()).intValueExact());
        }
        EnumValueDescriptor byName = f.getEnumType().findValueByName(p.getAsString());
        if (byName == null) {
            throw new Problem(path, "no value " + p + " in enum " + f.getEnumType().getName());
        }
        return byName;
    }

    private static BigInteger integer(JsonElement v, String path) {
        JsonPrimitive p = primitive(v, path);
        if (p.isBoolean()) {
            throw new Problem(path, "expected an integer, found " + v);
        }
        return new BigDecimal(p.getAsString().trim()).toBigIntegerExact();
    }

    private static double number(JsonElement v, String path) {
        JsonPrimitive p = primitive(v, path);
        if (p.isBoolean()) {
            throw new Problem(path, "expected a number, found " + v);
        }
        return Double.parseDouble(p.getAsString());
    }

    private static JsonPrimitive primitive(JsonElement v, String path) {
        if (!v.isJsonPrimitive()) {
            throw new Problem(path, "expected a plain value, found " + kind(v));
        }
        return v.getAsJsonPrimitive();
    }

    private static OneofDescriptor realOneof(Descriptor d, String name) {
        for (OneofDescriptor o : d.getRealOneofs()) {
            if (o.getName().equals(name)) {
                return o;
            }
        }
        return null;
    }

    static boolean isEmpty(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return true;
        }
        if (v.isJsonArray()) {
            return v.getAsJsonArray().isEmpty();
        }
        if (v.isJsonObject()) {
            return v.getAsJsonObject().size() == 0;
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return !p.getAsBoolean();
        }
        if (p.isNumber()) {
            return new BigDecimal(p.getAsString()).signum() == 0;
        }
        return p.getAsString().isEmpty();
    }

    private static String kind(JsonElement v) {
        if (v == null || v.isJsonNull()) {
            return "null";
        }
        if (v.isJsonObject()) {
            return "an object";
        }
        if (v.isJsonArray()) {
            return "a list";
        }
        return v.toString();
    }
}
