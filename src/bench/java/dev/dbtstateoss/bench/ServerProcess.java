package dev.dbtstateoss.bench;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A decision server run as its own process on a loopback port (ours through scripts/dbt-state-oss,
 * or the Python one), ready once its grpc.health.v1 Check answers SERVING. Stopped with SIGTERM,
 * then killed.
 */
final class ServerProcess implements AutoCloseable {
    final String name;
    final int port;
    final long readyMs;
    final Path log;
    private final Process process;
    private final Thread onExit;

    private ServerProcess(String name, int port, Process process, Thread onExit, Path log, long readyMs) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.onExit = onExit;
        this.log = log;
        this.readyMs = readyMs;
    }

    /** Our server: {@code scripts/dbt-state-oss serve --store local --dir DIR}. */
    static ServerProcess ours(Path repo, Path dir, Path log) throws IOException, InterruptedException {
        int port = freePort();
        return start("dbt-state-oss (Java)", port, log, List.of("bash", repo.resolve("scripts/dbt-state-oss").toString(),
                "serve", "--store", "local", "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--drain-seconds", "2"));
    }

    /** The Python reference server 0.1.1 from its virtualenv. */
    static ServerProcess python(Path venv, Path dir, Path log) throws IOException, InterruptedException {
        int port = freePort();
        return start("dbt-state-oss 0.1.1 (Python)", port, log, List.of(venv.resolve("bin/dbt-state-oss").toString(),
                "--store", "local", "--dir", dir.toString(), "--port", Integer.toString(port)));
    }

    private static ServerProcess start(String name, int port, Path log, List<String> command)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putIfAbsent("DBTSTATE_PINNED_JBANG", "1");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        // An interrupted bench (Ctrl-C) leaves no server behind.
        Thread onExit = new Thread(p::destroyForcibly, "stop-" + port);
        Runtime.getRuntime().addShutdownHook(onExit);
        ManagedChannel ch = Load.channel(port);
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(300);
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + p.exitValue() + " before serving; log " + log
                            + ":\n" + tail(log));
                }
                try {
                    HealthCheckResponse r = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(1, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance());
                    if (r.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                        break;
                    }
                } catch (StatusRuntimeException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException(name + " not serving after 300 s; log " + log + ":\n" + tail(log));
                }
                Thread.sleep(10);
            }
        } finally {
            ch.shutdownNow();
        }
        long readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new ServerProcess(name, port, p, onExit, log, readyMs);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
