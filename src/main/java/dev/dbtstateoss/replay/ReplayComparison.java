package dev.dbtstateoss.replay;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import dev.dbtstateoss.capture.WireJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a recorded answer with ours, field by field (descriptor-driven). Decisions (SQL, Clone)
 * are compared on what the client acts on: which outcome, the explained decision, results, runtime,
 * clone statements, source, target and required timestamp; the deprecated
 * {@code last_modified_query} and the informational {@code transformed_nodes_by_query} are not
 * compared. Other answers are compared whole. Server-made ids go through {@link ReplayIds}.
 */
public final class ReplayComparison {
    /** Answers that carry a decision. */
    static final Set<String> DECISIONS = Set.of("SubmitSQLResponse", "SubmitSQLSpeculativeResponse", "CloneResponse");
    /** Fields of decisions that are not compared. */
    static final Set<String> NOT_COMPARED = Set.of("last_modified_query", "transformed_nodes_by_query");

    private final ReplayIds ids;
    private final boolean decision;
    private final List<ReplayResult.Difference> differences = new ArrayList<>();

    private ReplayComparison(ReplayIds ids, boolean decision) {
        this.ids = ids;
        this.decision = decision;
    }

    /** The differences between two answers of the same type (empty when they match). */
    static List<ReplayResult.Difference> compare(Message recorded, Message ours, ReplayIds ids) {
        ReplayComparison c = new ReplayComparison(ids, DECISIONS.contains(recorded.getDescriptorForType().getName()));
        c.message("", recorded, ours);
        return List.copyOf(c.differences);
    }

    private void message(String path, Message recorded, Message ours) {
        Set<OneofDescriptor> seen = new HashSet<>();
        for (FieldDescriptor f : recorded.getDescriptorForType().getFields()) {
            OneofDescriptor oneof = f.getRealContainingOneof();
            if (oneof == null) {
                field(join(path, f.getName()), f, recorded, ours);
            } else if (seen.add(oneof)) {
                oneof(path, oneof, recorded, ours);
            }
        }
    }

    private void oneof(String path, OneofDescriptor oneof, Message recorded, Message ours) {
        FieldDescriptor r = recorded.getOneofFieldDescriptor(oneof);
        FieldDescriptor o = ours.getOneofFieldDescriptor(oneof);
        if (r == o) {
            if (r != null) {
                field(join(path, r.getName()), r, recorded, ours);
            }
            return;
        }
        differences.add(new ReplayResult.Difference(join(path, oneof.getName()), variant(r), variant(o), null));
        if (r == null || o == null || r.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                || o.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return;
        }
        // Different outcomes: still compare their explanations, and pair the ids a client would confirm.
        Message rm = (Message) recorded.getField(r);
        Message om = (Message) ours.getField(o);
        FieldDescriptor rd = rm.getDescriptorForType().findFieldByName("explained_decision");
        FieldDescriptor od = om.getDescriptorForType().findFieldByName("explained_decision");
        if (rd != null && od != null) {
            message(join(path, "explained_decision"), (Message) rm.getField(rd), (Message) om.getField(od));
        }
        FieldDescriptor rid = rm.getDescriptorForType().findFieldByName("request_id");
        FieldDescriptor oid = om.getDescriptorForType().findFieldByName("request_id");
        if (rid != null && oid != null) {
            ids.check((String) rm.getField(rid), (String) om.getField(oid));
        }
    }

    private void field(String path, FieldDescriptor f, Message recorded, Message ours) {
        if (decision && NOT_COMPARED.contains(f.getName())) {
            return;
        }
        if (ReplayIds.VOLATILE.contains(f.getName()) && f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated()) {
            String r = id(recorded, f);
            String o = id(ours, f);
            String why = ids.check(r, o);
            if (why != null) {
                differences.add(new ReplayResult.Difference(path, text(r), text(o), why));
            }
            return;
        }
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated() && recorded.hasField(f) && ours.hasField(f)) {
            message(path, (Message) recorded.getField(f), (Message) ours.getField(f));
            return;
        }
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && f.isRepeated() && !f.isMapField()
                && recorded.getRepeatedFieldCount(f) == ours.getRepeatedFieldCount(f)) {
            // Element by element, so that ids inside the elements are compared as ids.
            for (int i = 0; i < recorded.getRepeatedFieldCount(f); i++) {
                message(path + "[" + i + "]", (Message) recorded.getRepeatedField(f, i), (Message) ours.getRepeatedField(f, i));
            }
            return;
        }
        JsonElement r = WireJson.fieldJson(recorded, f);
        JsonElement o = WireJson.fieldJson(ours, f);
        if (!r.equals(o)) {
            differences.add(new ReplayResult.Difference(path, r, o, null));
        }
    }

    private static String id(Message m, FieldDescriptor f) {
        return f.hasPresence() && !m.hasField(f) ? null : (String) m.getField(f);
    }

    private static JsonElement text(String s) {
        return s == null ? JsonNull.INSTANCE : new JsonPrimitive(s);
    }

    private static JsonElement variant(FieldDescriptor f) {
        return f == null ? JsonNull.INSTANCE : new JsonPrimitive(f.getName());
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
