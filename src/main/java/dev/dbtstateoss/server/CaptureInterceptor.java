package dev.dbtstateoss.server;

import com.google.protobuf.Message;
import dev.dbtstateoss.capture.CaptureMethods;
import dev.dbtstateoss.capture.CaptureRecord;
import dev.dbtstateoss.capture.CaptureWriter;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Records every unary call of the dbt-state services (request, answer or error status, request
 * headers, time) into a {@link CaptureWriter}. Credentials are never recorded: the values of
 * {@link CaptureRecord#REDACTED_HEADERS} are replaced by {@link CaptureRecord#REDACTED}. Recording happens off
 * the call's path (the writer's queue) and a failure to record never reaches the call.
 */
public final class CaptureInterceptor implements ServerInterceptor {

    private final CaptureWriter writer;
    private final Clock clock;

    public CaptureInterceptor(CaptureWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        MethodDescriptor<Q, A> md = call.getMethodDescriptor();
        Optional<String> service = CaptureMethods.shortServiceName(md.getServiceName());
        if (md.getType() != MethodDescriptor.MethodType.UNARY || service.isEmpty() || !writer.accepting()) {
            return next.startCall(call, headers);
        }
        Recording rec = new Recording(service.get(), md.getBareMethodName(), CaptureRecord.timestamp(clock.instant()),
                headerList(headers));
        ServerCall<Q, A> recorded = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(A message) {
                rec.response = message;
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                rec.finish(status);
                super.close(status, trailers);
            }
        };
        return new SimpleForwardingServerCallListener<>(next.startCall(recorded, headers)) {
            @Override
            public void onMessage(Q message) {
                rec.request = message;
                super.onMessage(message);
            }
        };
    }

    /** The headers as [name, value] pairs, sorted by name (values of one name in their order). */
    static List<CaptureRecord.Header> headerList(Metadata headers) {
        List<CaptureRecord.Header> out = new ArrayList<>();
        for (String name : new TreeSet<>(headers.keys())) {
            boolean redact = CaptureRecord.REDACTED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Iterable<byte[]> values = headers.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
                for (byte[] v : values == null ? List.<byte[]>of() : values) {
                    out.add(new CaptureRecord.Header(name, redact ? CaptureRecord.REDACTED : Base64.getEncoder().encodeToString(v)));
                }
            } else {
                Iterable<String> values = headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
                for (String v : values == null ? List.<String>of() : values) {
                    out.add(new CaptureRecord.Header(name, redact ? CaptureRecord.REDACTED : v));
                }
            }
        }
        return out;
    }

    /** What one call has shown so far; handed to the writer when the call closes. */
    private final class Recording {
        final String service;
        final String method;
        final String recordedAt;
        final List<CaptureRecord.Header> metadata;
        volatile Object request;
        volatile Object response;

        Recording(String service, String method, String recordedAt, List<CaptureRecord.Header> metadata) {
            this.service = service;
            this.method = method;
            this.recordedAt = recordedAt;
            this.metadata = metadata;
        }

        void finish(Status status) {
            try {
                if (!(request instanceof Message)) {
                    return; // refused before its message was read (too large, cancelled): nothing to replay
                }
                Message answer = status.isOk() && response instanceof Message ? (Message) response : null;
                CaptureRecord.CallError error = answer != null ? null
                        : new CaptureRecord.CallError(status.getCode().value(),
                                status.getDescription() == null ? "" : status.getDescription());
                writer.offer(new CaptureRecord(service, method, recordedAt, metadata, (Message) request, answer, error));
            } catch (RuntimeException e) {
                // Capture must never fail a call; the writer reports its own troubles.
            }
        }
    }
}
