package dev.dbtstateoss.replay;

import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.dbtstateoss.capture.CaptureMethods;
import dev.dbtstateoss.capture.CaptureRecord;
import dev.dbtstateoss.capture.WireJsonReader;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Replays capture lines one by one through a channel: parses the call, puts our ids where the
 * recording has the recorded server's, sends it with the recorded headers and compares the answer.
 * One session keeps the id pairs across all the files of a replay.
 */
public final class ReplaySession {
    /** Headers of the transport (set by our own channel), never re-sent. */
    static final Set<String> TRANSPORT_HEADERS = Set.of("te", "content-type", "user-agent", "host", "content-length",
            "accept-encoding", "connection");
    /** Request fields that refer to an id a server issued earlier. */
    static final Set<String> ID_REFERENCES = Set.of("com.fivetran.query_cache.ConfirmExecutionRequest.request_id",
            "com.fivetran.query_cache.UpdateExecutionMetadataRequest.execution_id");

    private final Channel channel;
    private final long deadlineSeconds;
    private final ReplayIds ids = new ReplayIds();
    private final Map<String, Integer> emptyUnknownFields = new TreeMap<>();

    public ReplaySession(Channel channel, long deadlineSeconds) {
        this.channel = channel;
        this.deadlineSeconds = deadlineSeconds;
    }

    /** Unknown fields that held nothing (null, empty), with the number of lines they were on. */
    public Map<String, Integer> emptyUnknownFields() {
        return Map.copyOf(emptyUnknownFields);
    }

    public ReplayResult replay(String file, int line, String text) {
        CaptureRecord.Parsed parsed;
        try {
            parsed = CaptureRecord.parse(text);
        } catch (CaptureRecord.BadLine e) {
            return ReplayResult.notReplayed(file, line,
                    e.unknownMethod() ? ReplayResult.Status.UNKNOWN_METHOD : ReplayResult.Status.BROKEN, e.getMessage());
        }
        CaptureRecord rec = parsed.record();
        CaptureMethods.Method method = CaptureMethods.find(rec.service(), rec.method()).orElseThrow();
        List<String> notes = new ArrayList<>();
        Set<String> emptyHere = new java.util.TreeSet<>();
        for (WireJsonReader.Unknown u : parsed.unknownFields()) {
            if (u.empty()) {
                emptyHere.add(u.field());
            } else {
                notes.add("unknown field " + u.path() + " ignored");
            }
        }
        emptyHere.forEach(f -> emptyUnknownFields.merge(f, 1, Integer::sum));
        Message request = withOurIds(rec.request(), notes);
        Metadata headers = headers(rec.metadata(), notes);
        Message ours = null;
        Status failure = null;
        try {
            ours = ClientCalls.blockingUnaryCall(
                    ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                    method.descriptor(), CallOptions.DEFAULT.withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS), request);
        } catch (StatusRuntimeException e) {
            failure = e.getStatus();
        }
        List<ReplayResult.Difference> differences = new ArrayList<>();
        if (rec.error() != null && failure != null) {
            if (rec.error().code() != failure.getCode().value()) {
                differences.add(new ReplayResult.Difference("error.code", codeName(rec.error().code()),
                        new JsonPrimitive(failure.getCode().name()), null));
            }
            String message = failure.getDescription() == null ? "" : failure.getDescription();
            if (!rec.error().message().equals(message)) {
                differences.add(new ReplayResult.Difference("error.message", new JsonPrimitive(rec.error().message()),
                        new JsonPrimitive(message), null));
            }
        } else if (rec.error() != null) {
            differences.add(new ReplayResult.Difference("status", new JsonPrimitive(status(rec.error())), new JsonPrimitive("OK"),
                    null));
        } else if (failure != null) {
            differences.add(new ReplayResult.Difference("status", new JsonPrimitive("OK"), new JsonPrimitive(status(failure)),
                    null));
        } else {
            differences.addAll(ReplayComparison.compare(rec.response(), ours, ids));
        }
        return new ReplayResult(file, line, rec.service(), rec.method(), node(rec.request()),
                differences.isEmpty() ? ReplayResult.Status.MATCH : ReplayResult.Status.DIFFER, differences, notes);
    }

    /** The request with each recorded server id replaced by the id our server issued for it. */
    private Message withOurIds(Message request, List<String> notes) {
        Message.Builder b = request.toBuilder();
        for (FieldDescriptor f : request.getDescriptorForType().getFields()) {
            if (f.getType() != FieldDescriptor.Type.STRING) {
                continue;
            }
            if (f.isRepeated()) {
                for (int i = 0; i < request.getRepeatedFieldCount(f); i++) {
                    int index = i;
                    ids.oursFor((String) request.getRepeatedField(f, i)).ifPresent(id -> b.setRepeatedField(f, index, id));
                }
                continue;
            }
            String recorded = (String) request.getField(f);
            if (recorded.isEmpty()) {
                continue;
            }
            var ours = ids.oursFor(recorded);
            if (ours.isPresent()) {
                b.setField(f, ours.get());
            } else if (ID_REFERENCES.contains(f.getFullName())) {
                notes.add(f.getName() + " " + recorded + " was not issued by any answer of this replay (the call that"
                        + " issued it is missing or was answered differently); sent as recorded");
            }
        }
        return b.build();
    }

    /** The recorded headers to send: everything but transport headers and redacted credentials. */
    static Metadata headers(List<CaptureRecord.Header> recorded, List<String> notes) {
        Metadata out = new Metadata();
        for (CaptureRecord.Header h : recorded) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (name.startsWith(":") || name.startsWith("grpc-") || TRANSPORT_HEADERS.contains(name)
                    || (CaptureRecord.REDACTED_HEADERS.contains(name) && CaptureRecord.REDACTED.equals(h.value()))) {
                continue;
            }
            try {
                if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    out.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER), Base64.getDecoder().decode(h.value()));
                } else {
                    out.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), h.value());
                }
            } catch (IllegalArgumentException e) {
                notes.add("header " + h.name() + " not sent: " + e.getMessage());
            }
        }
        return out;
    }

    /** Which node a request is about, for the report: node id, else target, else "". */
    static String node(Message request) {
        var d = request.getDescriptorForType();
        FieldDescriptor state = d.findFieldByName("dbt_node_state");
        if (state != null && request.hasField(state)) {
            Message s = (Message) request.getField(state);
            Object id = s.getField(s.getDescriptorForType().findFieldByName("node_unique_id"));
            if (!"".equals(id)) {
                return (String) id;
            }
        }
        FieldDescriptor labels = d.findFieldByName("labels");
        if (labels != null && labels.isMapField()) {
            for (Object e : (List<?>) request.getField(labels)) {
                Message entry = (Message) e;
                var fields = entry.getDescriptorForType();
                if ("dbt_node_unique_id".equals(entry.getField(fields.findFieldByName("key")))) {
                    return (String) entry.getField(fields.findFieldByName("value"));
                }
            }
        }
        for (String name : List.of("target_table", "request_id")) {
            FieldDescriptor f = d.findFieldByName(name);
            if (f != null && f.getType() == FieldDescriptor.Type.STRING && !f.isRepeated() && !"".equals(request.getField(f))) {
                return (String) request.getField(f);
            }
        }
        return "";
    }

    private static JsonPrimitive codeName(int code) {
        return new JsonPrimitive(Status.fromCodeValue(code).getCode().name());
    }

    private static String status(CaptureRecord.CallError e) {
        return Status.fromCodeValue(e.code()).getCode().name() + ": " + e.message();
    }

    private static String status(Status s) {
        return s.getCode().name() + (s.getDescription() == null ? "" : ": " + s.getDescription());
    }
}
