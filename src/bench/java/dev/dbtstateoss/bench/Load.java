package dev.dbtstateoss.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A closed loop: several streams, each with its own channel (one client each), call as fast as the
 * server answers for a warm-up and then a measured period. Only the measured calls are counted.
 */
final class Load {
    private Load() {}

    /** One client's work: one iteration per call, returning the nanoseconds of the counted call. */
    interface Stream {
        /** Runs once before the clock starts (e.g. records a first run of each target). */
        default void establish() {}

        long iteration();

        /** What the last counted call was (e.g. 'S' skip, 'E' execute), or 0 when there is one kind only. */
        default char lastKind() {
            return 0;
        }

        /** Counters of this stream (decisions by outcome), may be empty. */
        default Counts counts() {
            return new Counts();
        }
    }

    /** Outcome counters; a stream's own, merged at the end. */
    static final class Counts {
        long skips;
        long executes;
        long confirms;
        long unexpected;
        long errors;

        void add(Counts o) {
            skips += o.skips;
            executes += o.executes;
            confirms += o.confirms;
            unexpected += o.unexpected;
            errors += o.errors;
        }
    }

    record Result(String name, int streams, long calls, double seconds, long[] sortedNanos, Counts counts,
            java.util.Map<Character, long[]> byKind) {
        double perSecond() {
            return calls / seconds;
        }

        double percentileMs(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
        }

        /** The percentile of the calls of one kind (e.g. 'S' skips), NaN when none. */
        double percentileMs(double p, char kind) {
            long[] k = byKind.getOrDefault(kind, new long[0]);
            if (k.length == 0) {
                return Double.NaN;
            }
            return k[Math.max(0, Math.min(k.length - 1, (int) Math.ceil(p * k.length) - 1))] / 1e6;
        }

        String line() {
            String s = String.format(Locale.ROOT, "%-34s %2d streams %8.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  (%d calls in %.1f s)",
                    name, streams, perSecond(), percentileMs(0.50), percentileMs(0.99), percentileMs(0.999), calls, seconds);
            if (counts.skips + counts.executes > 0) {
                s += String.format(Locale.ROOT, "; skip %d, execute %d, confirm %d, unexpected %d, errors %d"
                        + "%n%34s skips: p50 %.2f ms, p99 %.2f ms; executes: p50 %.2f ms, p99 %.2f ms",
                        counts.skips, counts.executes, counts.confirms, counts.unexpected, counts.errors, "",
                        percentileMs(0.5, 'S'), percentileMs(0.99, 'S'), percentileMs(0.5, 'E'), percentileMs(0.99, 'E'));
            } else if (counts.errors > 0) {
                s += "; errors " + counts.errors;
            }
            return s;
        }
    }

    /** A channel to a loopback server carrying the headers the dbt-state client sends on every call. */
    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().intercept(new ClientHeaders()).build();
    }

    /**
     * Runs {@code streams} streams made by {@code make} (given a stream index) for {@code warmupMs}
     * then {@code measureMs}, and returns what was measured.
     */
    static Result run(String name, int streams, long warmupMs, long measureMs, Function<Integer, Stream> make)
            throws InterruptedException {
        List<Stream> all = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            all.add(make.apply(i));
        }
        Thread[] threads = new Thread[streams];
        Throwable[] failures = new Throwable[streams];
        for (int i = 0; i < streams; i++) {
            int s = i;
            threads[i] = new Thread(() -> {
                try {
                    all.get(s).establish();
                } catch (RuntimeException e) {
                    failures[s] = e;
                }
            }, "establish-" + i);
            threads[i].start();
        }
        join(threads, failures, name);
        long[][] lat = new long[streams][];
        char[][] kinds = new char[streams][];
        int[] counted = new int[streams];
        long start = System.nanoTime();
        long measureStart = start + TimeUnit.MILLISECONDS.toNanos(warmupMs);
        long end = measureStart + TimeUnit.MILLISECONDS.toNanos(measureMs);
        for (int i = 0; i < streams; i++) {
            int s = i;
            lat[s] = new long[1 << 14];
            kinds[s] = new char[1 << 14];
            threads[i] = new Thread(() -> {
                Stream st = all.get(s);
                try {
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            return;
                        }
                        long nanos = st.iteration();
                        if (before >= measureStart && nanos >= 0) {
                            if (counted[s] == lat[s].length) {
                                lat[s] = Arrays.copyOf(lat[s], lat[s].length * 2);
                                kinds[s] = Arrays.copyOf(kinds[s], kinds[s].length * 2);
                            }
                            kinds[s][counted[s]] = st.lastKind();
                            lat[s][counted[s]++] = nanos;
                        }
                    }
                } catch (RuntimeException e) {
                    failures[s] = e;
                }
            }, "load-" + i);
            threads[i].start();
        }
        join(threads, failures, name);
        int total = 0;
        for (int c : counted) {
            total += c;
        }
        long[] merged = new long[total];
        int at = 0;
        Counts counts = new Counts();
        java.util.Map<Character, long[]> byKind = new java.util.TreeMap<>();
        java.util.Map<Character, Integer> filled = new java.util.TreeMap<>();
        for (int i = 0; i < streams; i++) {
            for (int c = 0; c < counted[i]; c++) {
                if (kinds[i][c] != 0) {
                    filled.merge(kinds[i][c], 1, Integer::sum);
                }
            }
        }
        filled.forEach((k, n) -> byKind.put(k, new long[n]));
        filled.replaceAll((k, n) -> 0);
        for (int i = 0; i < streams; i++) {
            System.arraycopy(lat[i], 0, merged, at, counted[i]);
            at += counted[i];
            counts.add(all.get(i).counts());
            for (int c = 0; c < counted[i]; c++) {
                char k = kinds[i][c];
                if (k != 0) {
                    int n = filled.merge(k, 1, Integer::sum);
                    byKind.get(k)[n - 1] = lat[i][c];
                }
            }
        }
        Arrays.sort(merged);
        byKind.values().forEach(Arrays::sort);
        return new Result(name, streams, total, measureMs / 1000.0, merged, counts, byKind);
    }

    private static void join(Thread[] threads, Throwable[] failures, String name) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        for (Throwable f : failures) {
            if (f != null) {
                throw new IllegalStateException(name + ": a stream failed: " + f, f);
            }
        }
    }

    /** Counts a failed call, giving up when a stream sees too many. */
    static void failed(Counts c, StatusRuntimeException e) {
        c.errors++;
        if (c.errors > 1000) {
            throw new IllegalStateException("too many failed calls, last: " + e.getStatus(), e);
        }
    }

    /**
     * The per-call headers of the dbt-state client (see CLIENT.md): a new x-request-id each call, the
     * session and invocation of this client, and the submission time in ms.
     */
    static final class ClientHeaders implements ClientInterceptor {
        private static final Metadata.Key<String> REQUEST_ID = key("x-request-id");
        private static final Metadata.Key<String> SESSION_ID = key("x-session-id");
        private static final Metadata.Key<String> SUBMITTED_AT = key("x-submitted-at-epoch");
        private static final Metadata.Key<String> SYSTEM_USER = key("x-system-user-id");
        private static final Metadata.Key<String> OS_NAME = key("x-os-name");
        private static final Metadata.Key<String> INVOCATION = key("x-dbt-invocation-id");

        private final String session = UUID.randomUUID().toString().replace("-", "");
        private final String invocation = UUID.randomUUID().toString();

        private static Metadata.Key<String> key(String name) {
            return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    headers.put(REQUEST_ID, Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()));
                    headers.put(SESSION_ID, session);
                    headers.put(SUBMITTED_AT, Long.toString(System.currentTimeMillis()));
                    headers.put(SYSTEM_USER, "");
                    headers.put(OS_NAME, "linux");
                    headers.put(INVOCATION, invocation);
                    super.start(listener, headers);
                }
            };
        }
    }
}
