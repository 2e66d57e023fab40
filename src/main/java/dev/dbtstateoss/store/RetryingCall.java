package dev.dbtstateoss.store;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one request to a network store again after a transient failure (throttling, a 5xx answer, a
 * refused or timed-out connection), waiting longer each time, until a time budget is spent. Anything
 * else, and a budget spent, ends as a {@link StateStore.StoreException}.
 */
final class RetryingCall {
    /** Thrown by an attempt whose failure may pass: the call is tried again if the budget allows. */
    static final class Transient extends RuntimeException {
        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One attempt. {@code afterFailure} is true when an earlier attempt failed in a way that leaves
     * unknown whether the server applied it (a conditional write may then see its own earlier write).
     */
    interface Attempt<T> {
        T run(boolean afterFailure);
    }

    private static final long FIRST_DELAY_MS = 50;
    private static final long MAX_DELAY_MS = 2_000;

    private final Duration budget;

    RetryingCall(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("negative retry budget " + budget);
        }
        this.budget = budget;
    }

    Duration budget() {
        return budget;
    }

    <T> T run(String what, Attempt<T> attempt) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long delayMs = FIRST_DELAY_MS;
        int attempts = 0;
        while (true) {
            try {
                return attempt.run(attempts > 0);
            } catch (Transient t) {
                attempts++;
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    long tookMs = (System.nanoTime() - start) / 1_000_000;
                    throw new StateStore.StoreException(what + " failed (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                            + " in " + tookMs + " ms): " + t.getMessage(), t.getCause() != null ? t.getCause() : t);
                }
                long sleepMs = Math.min(leftMs, delayMs / 2 + ThreadLocalRandom.current().nextLong(delayMs / 2 + 1));
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StateStore.StoreException(what + " interrupted while waiting to retry: " + t.getMessage(), e);
                }
                delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
            }
        }
    }
}
