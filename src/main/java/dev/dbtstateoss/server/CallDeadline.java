package dev.dbtstateoss.server;

import io.grpc.Context;
import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;

/** How long the current gRPC call may still wait: for the store calls made on its behalf. */
public final class CallDeadline {
    private CallDeadline() {}

    /** Milliseconds left before the call's deadline; 0 once it passed or the call was cancelled; Long.MAX_VALUE without one. */
    public static long millisLeft() {
        Context c = Context.current();
        if (c.isCancelled()) {
            return 0;
        }
        Deadline d = c.getDeadline();
        return d == null ? Long.MAX_VALUE : Math.max(0, d.timeRemaining(TimeUnit.MILLISECONDS));
    }
}
