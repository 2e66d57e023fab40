///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8 -XDsuppressNotes
// Durable writes per second of the local stores, side by side: the file layout (LocalStore) and the
// SQLite database (SqliteStore, group commit). Usage: jbang src/bench/java/StoreWrites.java [DIR] [EVENTS]
//SOURCES ../../../DbtStateOss.java

import dev.dbtstateoss.store.AtomicBatches;
import dev.dbtstateoss.store.LocalStore;
import dev.dbtstateoss.store.SqliteStore;
import dev.dbtstateoss.store.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One "event" is what a confirmation writes: three keys of about 1 KB (a run, the target's latest,
 * a mark), each durable before the call returns. LocalStore writes them one by one (each a synced
 * file, a rename and a synced directory); SqliteStore as one batch, committed with other threads'.
 */
public class StoreWrites {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "/tmp/store-writes-" + System.nanoTime()));
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        System.out.printf(Locale.ROOT, "%-28s %7s %8s %10s %10s %9s %9s%n", "store", "threads", "events", "events/s",
                "writes/s", "p50 ms", "p99 ms");
        for (int threads : new int[] {1, 16}) {
            run("files (LocalStore)", threads, events, p -> new LocalStore(p), dir.resolve("files-" + threads));
            run("sqlite (SqliteStore)", threads, events, p -> SqliteStore.open(p), dir.resolve("sqlite-" + threads));
        }
    }

    static void run(String name, int threads, int events, Function<Path, StateStore> open, Path dir) throws Exception {
        byte[] value = new byte[1024];
        Arrays.fill(value, (byte) 'x');
        try (StateStore store = open.apply(dir)) {
            AtomicInteger next = new AtomicInteger();
            long[] nanos = new long[events];
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < events; ) {
                        long t0 = System.nanoTime();
                        String target = "targets/t" + (i % 97);
                        List<AtomicBatches.Write> writes = List.of(new AtomicBatches.CreateIfAbsent(target + "/runs/r" + i, value),
                                new AtomicBatches.CreateIfAbsent(target + "/latest-" + i, value),
                                new AtomicBatches.CreateIfAbsent("pending/p" + i, value));
                        if (store instanceof AtomicBatches batches) {
                            batches.applyAll(writes);
                        } else {
                            for (AtomicBatches.Write w : writes) {
                                store.createIfAbsent(w.key(), ((AtomicBatches.CreateIfAbsent) w).value());
                            }
                        }
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%-28s %7d %8d %10.0f %10.0f %9.2f %9.2f%n", name, threads, events, events / seconds,
                    3 * events / seconds, nanos[events / 2] / 1e6, nanos[(int) (events * 0.99)] / 1e6);
        }
    }
}
