package dev.dbtstateoss.cli;

import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.server.Metrics;
import dev.dbtstateoss.server.StoreProbe;
import dev.dbtstateoss.store.InstrumentedStore;
import dev.dbtstateoss.store.StateStore;
import io.grpc.ServerInterceptor;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * What {@code serve} runs beside the gRPC server (see {@link OpsOptions}): the Prometheus registry
 * and its HTTP endpoint, the store's instrumentation, and the store probe behind the health status.
 */
final class Operations implements AutoCloseable {
    private static final String PROBE_KEY = "health/probe";

    private final OpsOptions options;
    private final Logger log;
    private final Metrics metrics;
    private final HTTPServer http;
    private StoreProbe probe;

    private Operations(OpsOptions options, Logger log, Metrics metrics, HTTPServer http) {
        this.options = options;
        this.log = log;
        this.metrics = metrics;
        this.http = http;
    }

    /** Starts the metrics endpoint when asked for; {@code host} is --host, the default --metrics-host. */
    static Operations start(OpsOptions options, String host, Logger log) {
        if (options.metricsPort == null) {
            return new Operations(options, log, null, null);
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        Metrics metrics = new Metrics(registry);
        String bind = options.metricsHost != null && !options.metricsHost.isBlank() ? options.metricsHost.strip() : host;
        try {
            HTTPServer http = HTTPServer.builder().hostname(bind).port(options.metricsPort).registry(registry).buildAndStart();
            log.info("metrics on http://" + bind + ":" + http.getPort() + "/metrics");
            return new Operations(options, log, metrics, http);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("--metrics-host " + bind + " --metrics-port " + options.metricsPort
                    + ": cannot listen (" + e.getMessage() + "); choose another --metrics-port");
        }
    }

    /** The store as the server should use it: counted and timed when metrics are on. */
    /** The store with each call counted under its backend's label (lower case: local, memory, s3, azure). */
    StateStore instrument(StateStore store, StoreKind backend) {
        return metrics == null ? store : new InstrumentedStore(store, backend.label(), metrics::storeCall);
    }

    List<ServerInterceptor> interceptors() {
        return metrics == null ? List.of() : List.of(metrics.interceptor());
    }

    /** Starts probing the store; the server reports NOT_SERVING while the probe fails. */
    void watch(StateStore store, DecisionServer server, Duration timeout) {
        if (options.healthProbeSeconds == 0) {
            return;
        }
        probe = new StoreProbe(() -> store.read(PROBE_KEY), Duration.ofSeconds(options.healthProbeSeconds), timeout, up -> {
            server.setServing(up);
            if (metrics != null) {
                metrics.storeUp(up);
            }
        }, log::warning).start();
    }

    /**
     * The first step of a drain: NOT_SERVING, still answering for --drain-notice-seconds. Called from
     * a shutdown hook, so it prints to {@code err} directly (JUL's handlers are gone by then).
     */
    void drainNotice(DecisionServer server, PrintWriter err, Logs.Format format) throws InterruptedException {
        server.stopServing();
        if (options.drainNoticeSeconds > 0) {
            err.println(Logs.line(format, "shutting down: health NOT_SERVING, still answering for "
                    + options.drainNoticeSeconds + " s"));
            Thread.sleep(options.drainNoticeSeconds * 1000L);
        }
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
        if (http != null) {
            http.stop();
        }
    }
}
