package dev.dbtstateoss.bench;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark (scripts/bench): the same closed-loop request mix against our server on a fresh
 * local store, our server's health check (the floor of any gRPC call here), the Python reference
 * server, our server on a store preloaded with a long history (the mix, then skips only), the disk's
 * own durable-write latency, the preloaded store's bytes and files per run, and a simulated year
 * with retention on. The last line printed is {@code vs_python=R vs_floor=R p99_ms=MS p99_ms_1m=MS
 * skip_vs_floor=R skip_p99_ms_1m=MS exec_p99_vs_fsync=R bytes_per_run=B files_per_run=F retention_growth=R
 * skip_p99_ms_1m_one_stream=MS exec_p99_vs_fsync_one_stream=R}.
 */
public final class BenchRun {
    private BenchRun() {}

    /** Runs the benchmark; returns the exit code (0 ok, 2 bad arguments, 1 failure). */
    public static int run(String[] args, PrintStream out) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(BenchOptions.USAGE);
            return 2;
        }
        if (o.help()) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        if (o.preloadOnly()) {
            preload(o, new Project(o.models(), 42), o.preloadDir(), out);
            return 0;
        }
        Path work = o.work() != null ? o.work() : Files.createTempDirectory("dbt-state-bench");
        Files.createDirectories(work);
        Project project = new Project(o.models(), 42);
        out.printf(Locale.ROOT, "bench: %d models, %d streams, %.0f%% changed requests, warm-up %d s + %d s measured per phase,"
                + " %d cores, java %s; work dir %s%n", o.models(), o.streams(), o.changeFraction() * 100,
                o.warmupMs() / 1000, o.measureMs() / 1000, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), work);
        List<String> summary = new ArrayList<>();
        try {
            Load.Result ours;
            Load.Result floor;
            try (ServerProcess s = ServerProcess.ours(o.repo(), work.resolve("store-fresh"), work.resolve("logs/ours-fresh.log"))) {
                out.printf(Locale.ROOT, "our server ready in %d ms (process start to health SERVING)%n", s.readyMs);
                summary.add("serve_ready_ms=" + s.readyMs);
                warmUp(o, project, s, out);
                ours = decisions(o, project, s, "ours, fresh local store", o.changeFraction());
                out.println(ours.line());
                List<ManagedChannel> channels = new ArrayList<>();
                try {
                    floor = Load.run("ours, grpc.health.v1 Check (floor)", o.streams(), o.warmupMs(), o.measureMs(), i -> {
                        ManagedChannel ch = Load.channel(s.port);
                        synchronized (channels) {
                            channels.add(ch);
                        }
                        return health(ch);
                    });
                } finally {
                    channels.forEach(ManagedChannel::shutdownNow);
                }
                out.println(floor.line());
            }
            long[] fsync = DiskMeasures.fsyncNanos(work.resolve("fsync"), Math.max(1000, o.measureMs() / 4));
            out.printf(Locale.ROOT, "disk, durable 1 KB write (file and directory synced)  p50 %6.2f ms  p99 %6.2f ms  (%d writes in %s)%n",
                    DiskMeasures.percentileMs(fsync, 0.5), DiskMeasures.percentileMs(fsync, 0.99), fsync.length, work);
            Load.Result python = null;
            if (o.pythonVenv() != null) {
                try (ServerProcess s = ServerProcess.python(o.pythonVenv(), work.resolve("store-python"), work.resolve("logs/python.log"))) {
                    out.printf(Locale.ROOT, "Python server ready in %d ms%n", s.readyMs);
                    python = decisions(o, project, s, "python 0.1.1, fresh local store", o.changeFraction());
                    out.println(python.line());
                }
            }
            Path preloaded = o.preloadDir() != null ? o.preloadDir() : work.resolve("store-preloaded");
            preload(o, project, preloaded, out);
            DiskMeasures.Size stored = DiskMeasures.size(preloaded);
            long documents = Preload.documents(preloaded);
            double bytesPerRun = (double) stored.bytes() / o.records();
            double filesPerRun = (double) documents / o.records();
            out.printf(Locale.ROOT, "preloaded store: %,d bytes in %,d files, %,d documents: %.0f bytes and %.2f documents per confirmed run%n",
                    stored.bytes(), stored.files(), documents, bytesPerRun, filesPerRun);
            Load.Result big;
            Load.Result skips;
            Load.Result single;
            try (ServerProcess s = ServerProcess.ours(o.repo(), preloaded, work.resolve("logs/ours-preloaded.log"))) {
                out.printf(Locale.ROOT, "our server on the preloaded store ready in %d ms%n", s.readyMs);
                warmUp(o, project, s, out);
                big = decisions(o, project, s, String.format(Locale.ROOT, "ours, %,d runs preloaded", o.records()), o.changeFraction());
                out.println(big.line());
                skips = decisions(o, project, s, String.format(Locale.ROOT, "ours, skips only, %,d runs", o.records()), 0);
                out.println(skips.line());
                single = decisions(o, 1, project, s, String.format(Locale.ROOT, "ours, %,d runs, one stream", o.records()),
                        o.changeFraction());
                out.println(single.line());
            }
            boolean quick = o.records() < 100_000;
            double growth = RetentionYear.run(quick ? 10 : 50, quick ? 8 : 24, 30, out);
            double vsPython = python == null ? Double.NaN : ours.perSecond() / python.perSecond();
            double vsFloor = ours.perSecond() / floor.perSecond();
            out.printf(Locale.ROOT, "decision p99: %.2f ms on a fresh store, %.2f ms with %,d runs stored%n",
                    ours.percentileMs(0.99), big.percentileMs(0.99), o.records());
            if (ours.counts().unexpected + big.counts().unexpected > 0) {
                out.println("WARNING: our server answered some requests other than expected (see 'unexpected' above)");
            }
            out.println(String.join(" ", summary));
            out.printf(Locale.ROOT, "vs_python=%.1f vs_floor=%.2f p99_ms=%.2f p99_ms_1m=%.2f skip_vs_floor=%.2f skip_p99_ms_1m=%.2f"
                    + " exec_p99_vs_fsync=%.1f bytes_per_run=%.0f files_per_run=%.2f retention_growth=%.2f"
                    + " skip_p99_ms_1m_one_stream=%.2f exec_p99_vs_fsync_one_stream=%.1f%n", vsPython, vsFloor,
                    ours.percentileMs(0.99), big.percentileMs(0.99), skips.perSecond() / floor.perSecond(),
                    skips.percentileMs(0.99), ours.percentileMs(0.99, 'E') / DiskMeasures.percentileMs(fsync, 0.99),
                    bytesPerRun, filesPerRun, growth, single.percentileMs(0.99, 'S'),
                    single.percentileMs(0.99, 'E') / DiskMeasures.percentileMs(fsync, 0.99));
            return 0;
        } finally {
            if (o.work() == null) {
                delete(work);
            }
        }
    }

    /**
     * The mix for {@code serverWarmupMs}, unmeasured: a JVM compiles its hot code in its first tens of
     * seconds, with a compiler thread taking a core of the two; a server that runs for days is past that.
     */
    private static void warmUp(BenchOptions o, Project project, ServerProcess s, PrintStream out) throws InterruptedException {
        if (o.serverWarmupMs() <= 0) {
            return;
        }
        mix(o.streams(), project, s, "server warm-up", o.changeFraction(), o.serverWarmupMs(), 1);
        out.printf(Locale.ROOT, "server warm-up: %d s of the mix, not measured%n", o.serverWarmupMs() / 1000);
    }

    private static Load.Result decisions(BenchOptions o, Project project, ServerProcess s, String name, double changeFraction)
            throws InterruptedException {
        return decisions(o, o.streams(), project, s, name, changeFraction);
    }

    private static Load.Result decisions(BenchOptions o, int streams, Project project, ServerProcess s, String name,
            double changeFraction) throws InterruptedException {
        return mix(streams, project, s, name, changeFraction, o.warmupMs(), o.measureMs());
    }

    /** The request mix from {@code streams} streams (each its own channel) for a warm-up, then measured. */
    private static Load.Result mix(int streams, Project project, ServerProcess s, String name, double changeFraction,
            long warmupMs, long measureMs) throws InterruptedException {
        List<ManagedChannel> channels = new ArrayList<>();
        long base = System.currentTimeMillis();
        try {
            return Load.run(name, streams, warmupMs, measureMs, i -> {
                ManagedChannel ch = Load.channel(s.port);
                synchronized (channels) {
                    channels.add(ch);
                }
                return new DecisionStream(ch, project, i, streams, changeFraction, base);
            });
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static Load.Stream health(ManagedChannel ch) {
        HealthGrpc.HealthBlockingStub stub = HealthGrpc.newBlockingStub(ch);
        Load.Counts counts = new Load.Counts();
        return new Load.Stream() {
            @Override
            public long iteration() {
                long start = System.nanoTime();
                try {
                    stub.withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
                } catch (StatusRuntimeException e) {
                    Load.failed(counts, e);
                    return -1;
                }
                return System.nanoTime() - start;
            }

            @Override
            public Load.Counts counts() {
                return counts;
            }
        };
    }

    /** Fills the preloaded store unless a kept one already holds this many runs. */
    private static void preload(BenchOptions o, Project project, Path dir, PrintStream out)
            throws IOException, InterruptedException {
        Path marker = dir.resolve(".bench-preload");
        String want = o.records() + " runs, " + o.models() + " models";
        if (Files.exists(marker) && Files.readString(marker).equals(want)) {
            out.println("reusing the preloaded store " + dir + " (" + want + ")");
            return;
        }
        delete(dir);
        Files.createDirectories(dir);
        long start = System.nanoTime();
        long n = Preload.fill(dir, project, o.records(), 2);
        Preload.check(dir, project, o.records());
        out.printf(Locale.ROOT, "preloaded %,d confirmed runs in %.1f s (StoreHistory layout, one commit per target, read back through SqliteStore)%n", n,
                (System.nanoTime() - start) / 1e9);
        Files.writeString(marker, want);
    }

    private static void delete(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
    }
}
