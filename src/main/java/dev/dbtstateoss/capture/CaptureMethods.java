package dev.dbtstateoss.capture;

import com.fivetran.query_cache.ClientTelemetryGrpc;
import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.CloneGrpc;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ExplainGrpc;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SelectorServiceGrpc;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unary methods of the dbt-state services, by the short names capture files use
 * ({@code SQL}/{@code SubmitEnrichedSQL}): what capture records and what replay can send.
 */
public final class CaptureMethods {
    /** The services' package; capture files name services without it. */
    public static final String PACKAGE = "com.fivetran.query_cache.";

    /** One method: its short names, its gRPC descriptor, and empty instances of its messages. */
    public record Method(String service, String method, MethodDescriptor<Message, Message> descriptor,
            Message requestPrototype, Message responsePrototype) {}

    private static final Map<String, Method> METHODS = build();

    private CaptureMethods() {}

    /** The method with these short names, if it is one of ours and unary. */
    public static Optional<Method> find(String service, String method) {
        return Optional.ofNullable(METHODS.get(service + "/" + method));
    }

    /** The short service name of a full gRPC service name, or empty when it is not a dbt-state service. */
    public static Optional<String> shortServiceName(String fullServiceName) {
        if (fullServiceName == null || !fullServiceName.startsWith(PACKAGE)) {
            return Optional.empty();
        }
        return Optional.of(fullServiceName.substring(PACKAGE.length()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Method> build() {
        Map<String, Method> out = new LinkedHashMap<>();
        for (ServiceDescriptor s : List.of(SQLGrpc.getServiceDescriptor(), ExecutionGrpc.getServiceDescriptor(),
                CloneGrpc.getServiceDescriptor(), ClientValidationGrpc.getServiceDescriptor(), ExplainGrpc.getServiceDescriptor(),
                SelectorServiceGrpc.getServiceDescriptor(), ClientTelemetryGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> m : s.getMethods()) {
                if (m.getType() != MethodDescriptor.MethodType.UNARY) {
                    continue;
                }
                MethodDescriptor<Message, Message> md = (MethodDescriptor<Message, Message>) m;
                String service = shortServiceName(md.getServiceName()).orElseThrow();
                out.put(service + "/" + md.getBareMethodName(), new Method(service, md.getBareMethodName(), md,
                        prototype(md.getRequestMarshaller()), prototype(md.getResponseMarshaller())));
            }
        }
        return Map.copyOf(out);
    }

    private static Message prototype(MethodDescriptor.Marshaller<Message> marshaller) {
        return ((MethodDescriptor.PrototypeMarshaller<Message>) marshaller).getMessagePrototype();
    }
}
