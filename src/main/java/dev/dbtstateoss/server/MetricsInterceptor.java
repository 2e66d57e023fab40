package dev.dbtstateoss.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times every call (method, status code), keeps the in-flight gauge, and puts the {@link Metrics}
 * into the call's context so that the endpoints can count decisions and confirmations.
 */
final class MetricsInterceptor implements ServerInterceptor {
    private final Metrics metrics;
    private final Context.Key<Metrics> key;

    MetricsInterceptor(Metrics metrics, Context.Key<Metrics> key) {
        this.metrics = metrics;
        this.key = key;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        long start = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        metrics.inFlight.inc();
        ServerCall<Q, A> timed = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                end(done, method, status.getCode(), start);
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener = Contexts.interceptCall(Context.current().withValue(key, metrics), timed, headers, next);
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                end(done, method, Status.Code.CANCELLED, start);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                // Only reached without a close above when grpc-java closed the call beneath the interceptors.
                end(done, method, Status.Code.UNKNOWN, start);
                super.onComplete();
            }
        };
    }

    private void end(AtomicBoolean done, String method, Status.Code code, long start) {
        if (done.compareAndSet(false, true)) {
            metrics.inFlight.dec();
            metrics.rpcSeconds.labelValues(method, code.name()).observe((System.nanoTime() - start) / 1e9);
        }
    }
}
