package dev.dbtstateoss.server;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The one answer of a unary call that must come in time: the handler's, or a safe fallback sent
 * by a timer when the handler has not answered within its time (a store that hangs on the
 * handler's thread). Whichever comes first is sent; the other is dropped. A call without a time
 * limit has no timer, and its work hands its store calls over as before (see {@link #compute}).
 */
final class GuardedAnswer<T> {
    private final StreamObserver<T> out;
    private final AtomicBoolean sent = new AtomicBoolean();
    /** The timer's task, or null without a time limit. */
    private final ScheduledFuture<?> fallback;

    /**
     * Sends {@code fallback} after {@code afterMs} unless {@link #send} came first (made only when it
     * is sent); {@code afterMs} of Long.MAX_VALUE: no limit, no fallback.
     */
    GuardedAnswer(StreamObserver<T> out, ScheduledExecutorService timer, long afterMs, Supplier<T> fallback) {
        this.out = out;
        this.fallback = afterMs == Long.MAX_VALUE ? null : timer.schedule(() -> {
            if (sent.compareAndSet(false, true)) {
                out.onNext(fallback.get());
                out.onCompleted();
            }
        }, afterMs, TimeUnit.MILLISECONDS);
    }

    /** Runs the handler's work: as a guarded call ({@link CallDeadline#isGuarded}) when the answer has a fallback. */
    <R> R compute(Supplier<R> work) {
        return fallback == null ? work.get() : CallDeadline.guarded(work);
    }

    /** Sends the handler's answer; false when the fallback was sent already (the answer is dropped). */
    boolean send(T answer) {
        if (fallback != null) {
            fallback.cancel(false);
        }
        if (!sent.compareAndSet(false, true)) {
            return false;
        }
        out.onNext(answer);
        out.onCompleted();
        return true;
    }
}
