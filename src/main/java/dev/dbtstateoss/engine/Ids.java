package dev.dbtstateoss.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** UUIDv7 ids (RFC 9562): 48-bit Unix milliseconds, version 7, random rest; monotonic per instance. */
public final class Ids {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMs;
    private long counter;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public synchronized String next() {
        long ms = clock.millis();
        if (ms <= lastMs) {
            ms = lastMs;
            counter++;
        } else {
            lastMs = ms;
            counter = random.nextInt(1 << 11);
        }
        if (counter >= (1 << 12)) {
            lastMs = ++ms;
            counter = 0;
        }
        long high = (ms << 16) | 0x7000L | counter;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
