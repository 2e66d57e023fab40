package dev.dbtstateoss.server;

import com.fivetran.query_cache.SQLGrpc;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long the current gRPC call may still wait: for the store calls made on its behalf. A call's
 * deadline bounds them, and a decision (the SQL service) also has a budget of its own: all its
 * store calls together wait no longer than the store timeout, so a store that hangs mid-decision
 * turns it into EXECUTE within that time, not once per store call.
 */
public final class CallDeadline {
    private static final Context.Key<Deadline> BUDGET = Context.key("dbtstate-decision-budget");
    private static final Context.Key<Boolean> GUARDED = Context.key("dbtstate-guarded-answer");

    private CallDeadline() {}

    /** Milliseconds left before the call's deadline or budget; 0 once passed or cancelled; Long.MAX_VALUE without either. */
    public static long millisLeft() {
        Context c = Context.current();
        if (c.isCancelled()) {
            return 0;
        }
        long left = Long.MAX_VALUE;
        for (Deadline d : new Deadline[] {c.getDeadline(), BUDGET.get(c)}) {
            if (d != null) {
                left = Math.min(left, Math.max(0, d.timeRemaining(TimeUnit.MILLISECONDS)));
            }
        }
        return left;
    }

    /**
     * True while the current call's answer is guarded ({@link #guarded}): it is sent in time whatever
     * the store does, so store calls may run on the caller's thread.
     */
    public static boolean isGuarded() {
        return Boolean.TRUE.equals(GUARDED.get());
    }

    /** Runs {@code work} as a call whose answer is guarded (see {@link #isGuarded}). */
    static <T> T guarded(java.util.function.Supplier<T> work) {
        Context guarded = Context.current().withValue(GUARDED, true);
        Context previous = guarded.attach();
        try {
            return work.get();
        } finally {
            guarded.detach(previous);
        }
    }

    /** Gives each decision call a store budget of {@code budget}, from when the call starts. */
    public static ServerInterceptor decisionBudget(Duration budget) {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
                if (!SQLGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
                    return next.startCall(call, headers);
                }
                Context c = Context.current().withValue(BUDGET, Deadline.after(budget.toMillis(), TimeUnit.MILLISECONDS));
                return Contexts.interceptCall(c, call, headers, next);
            }
        };
    }
}
