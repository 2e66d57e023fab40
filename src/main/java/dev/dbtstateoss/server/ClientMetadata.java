package dev.dbtstateoss.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Clock;

/**
 * Takes what the services need from the client's headers: the submission time
 * ({@code x-submitted-at-epoch}, ms), which is "now" for every rule, so that replayed traffic gets
 * the answers it got live. Without it (or with garbage) the server's clock is used.
 */
public final class ClientMetadata implements ServerInterceptor {
    static final Metadata.Key<String> SUBMITTED_AT = Metadata.Key.of("x-submitted-at-epoch", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<Long> NOW_MS = Context.key("dbt-state-oss-now-ms");

    private final Clock clock;

    public ClientMetadata(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        Context ctx = Context.current().withValue(NOW_MS, submittedAt(headers.get(SUBMITTED_AT)));
        return Contexts.interceptCall(ctx, call, headers, next);
    }

    private long submittedAt(String header) {
        if (header != null) {
            try {
                long ms = Long.parseLong(header.trim());
                if (ms > 0) {
                    return ms;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the server's clock
            }
        }
        return clock.millis();
    }

    /** "Now" of the current call. */
    static long now(Clock fallback) {
        Long ms = NOW_MS.get();
        return ms == null ? fallback.millis() : ms;
    }
}
