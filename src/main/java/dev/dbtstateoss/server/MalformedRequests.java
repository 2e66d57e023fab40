package dev.dbtstateoss.server;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads every request message itself, so that bytes which are no message of the method's type
 * (random, truncated, invalid UTF-8, nested deeper than protobuf's limit) are refused with
 * INVALID_ARGUMENT naming the message. Left to grpc-java, such a call would be closed beneath every
 * interceptor with UNKNOWN and a SEVERE stack trace per call. The refusal closes the call the
 * server's interceptors handed in, so metrics and capture see it like any other. Refusals are
 * logged on one line at most every {@link #LOG_EVERY_SECONDS} s, with a count of those not logged.
 */
final class MalformedRequests {
    static final long LOG_EVERY_SECONDS = 10;

    /** What the lenient parser hands on in place of a request it could not read. */
    private record Malformed(String reason) {}

    private final Consumer<String> log;
    private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger unlogged = new AtomicInteger();

    /** {@code log} receives the (rate-limited) refusal lines. */
    MalformedRequests(Consumer<String> log) {
        this.log = log;
    }

    /** The service with every method's requests read leniently; names, schema and handlers unchanged. */
    ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor sd = service.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            methods.add(guard(m));
        }
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(sd.getName()).setSchemaDescriptor(sd.getSchemaDescriptor());
        methods.forEach(m -> descriptor.addMethod(m.getMethodDescriptor()));
        ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(out::addMethod);
        return out.build();
    }

    private <Q, A> ServerMethodDefinition<Object, A> guard(ServerMethodDefinition<Q, A> def) {
        MethodDescriptor<Q, A> md = def.getMethodDescriptor();
        MethodDescriptor<Object, A> lenient = md.toBuilder(new Lenient<>(md.getRequestMarshaller()), md.getResponseMarshaller()).build();
        String type = messageName(md);
        ServerCallHandler<Object, A> handler = (call, headers) -> start(def, type, call, headers);
        return ServerMethodDefinition.create(lenient, handler);
    }

    @SuppressWarnings("unchecked")
    private <Q, A> ServerCall.Listener<Object> start(ServerMethodDefinition<Q, A> def, String type, ServerCall<Object, A> call,
            Metadata headers) {
        MethodDescriptor<Q, A> md = def.getMethodDescriptor();
        ServerCall<Q, A> typed = new SimpleForwardingServerCall<>((ServerCall<Q, A>) (ServerCall<?, A>) call) {
            @Override
            public MethodDescriptor<Q, A> getMethodDescriptor() {
                return md;
            }
        };
        ServerCall.Listener<Q> inner = def.getServerCallHandler().startCall(typed, headers);
        return new ServerCall.Listener<>() {
            private boolean refused;

            @Override
            public void onMessage(Object message) {
                if (refused) {
                    return;
                }
                if (message instanceof Malformed bad) {
                    refused = true;
                    String why = type + " is not a valid message: " + bad.reason();
                    refusal(md.getFullMethodName(), why);
                    call.close(Status.INVALID_ARGUMENT.withDescription(why), new Metadata());
                    return;
                }
                inner.onMessage((Q) message);
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    inner.onHalfClose();
                }
            }

            @Override
            public void onReady() {
                if (!refused) {
                    inner.onReady();
                }
            }

            @Override
            public void onCancel() {
                inner.onCancel();
            }

            @Override
            public void onComplete() {
                inner.onComplete();
            }
        };
    }

    private void refusal(String method, String why) {
        long now = System.nanoTime();
        long next = nextLogNanos.get();
        if (now - next >= 0 && nextLogNanos.compareAndSet(next, now + TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS))) {
            int skipped = unlogged.getAndSet(0);
            log.accept("refused " + method + ": malformed request: " + why
                    + (skipped > 0 ? " (and " + skipped + " more malformed requests in the last " + LOG_EVERY_SECONDS + " s)" : ""));
        } else {
            unlogged.incrementAndGet();
        }
    }

    private static String messageName(MethodDescriptor<?, ?> md) {
        if (md.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                && p.getMessagePrototype() instanceof com.google.protobuf.MessageLite m) {
            return m instanceof com.google.protobuf.Message full ? full.getDescriptorForType().getName() : m.getClass().getSimpleName();
        }
        return "the request of " + md.getBareMethodName();
    }

    /** The method's own parser; a failure becomes a {@link Malformed} value instead of an exception. */
    private record Lenient<Q>(MethodDescriptor.Marshaller<Q> strict) implements MethodDescriptor.Marshaller<Object> {
        @Override
        @SuppressWarnings("unchecked")
        public InputStream stream(Object value) {
            return strict.stream((Q) value);
        }

        @Override
        public Object parse(InputStream stream) {
            try {
                return strict.parse(stream);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String reason = String.valueOf(cause.getMessage()).replaceAll("[\\r\\n]+", " ");
                return new Malformed(reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
            }
        }
    }
}
