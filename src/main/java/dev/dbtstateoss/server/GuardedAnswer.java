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
 * handler's thread). Whichever comes first is sent; the other is dropped.
 */
final class GuardedAnswer<T> {
    private final StreamObserver<T> out;
    private final AtomicBoolean sent = new AtomicBoolean();
    private final ScheduledFuture<?> fallback;

    /** Sends {@code fallback} after {@code afterMs} unless {@link #send} came first (made only when it is sent). */
    GuardedAnswer(StreamObserver<T> out, ScheduledExecutorService timer, long afterMs, Supplier<T> fallback) {
        this.out = out;
        this.fallback = timer.schedule(() -> {
            if (sent.compareAndSet(false, true)) {
                out.onNext(fallback.get());
                out.onCompleted();
            }
        }, afterMs, TimeUnit.MILLISECONDS);
    }

    /** Sends the handler's answer; false when the fallback was sent already (the answer is dropped). */
    boolean send(T answer) {
        fallback.cancel(false);
        if (!sent.compareAndSet(false, true)) {
            return false;
        }
        out.onNext(answer);
        out.onCompleted();
        return true;
    }
}
