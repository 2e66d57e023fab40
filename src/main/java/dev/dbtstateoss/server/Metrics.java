package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.Decision;
import io.grpc.Context;
import io.grpc.ServerInterceptor;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's Prometheus metrics, registered in a registry the caller owns (no global registry).
 * Every label has a bounded set of values: RPC methods of the registered services, gRPC status
 * codes, the engine's reason enums, store operations and backends. docs/operations.md lists them.
 */
public final class Metrics {
    /** The metrics of the call being handled, set by {@link MetricsInterceptor}. */
    private static final Context.Key<Metrics> IN_CALL = Context.key("dbtstate-metrics");

    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Counter decisions;
    private final Counter confirms;
    final Histogram rpcSeconds;
    final Gauge inFlight;
    private final Counter storeCalls;
    private final Counter storeErrors;
    private final Histogram storeSeconds;
    private final Gauge storeUp;

    public Metrics(PrometheusRegistry registry) {
        decisions = Counter.builder().name("dbtstate_decisions_total")
                .help("Answers to skip questions, by outcome (skip, execute, clone) and the engine's reason")
                .labelNames("outcome", "reason").register(registry);
        confirms = Counter.builder().name("dbtstate_confirms_total")
                .help("ConfirmExecution calls by result (recorded, already_recorded, unknown_request, clone_noted, failed)")
                .labelNames("result").register(registry);
        rpcSeconds = Histogram.builder().name("dbtstate_rpc_duration_seconds")
                .help("Time from the start of a gRPC call to its close, by full method name and status code")
                .labelNames("method", "code").classicOnly().classicUpperBounds(SECONDS).register(registry);
        inFlight = Gauge.builder().name("dbtstate_rpc_in_flight")
                .help("gRPC calls started and not yet closed").register(registry);
        storeCalls = Counter.builder().name("dbtstate_store_calls_total")
                .help("Calls to the state store by operation and backend (failed ones included)")
                .labelNames("operation", "backend").register(registry);
        storeErrors = Counter.builder().name("dbtstate_store_errors_total")
                .help("Store calls that failed, by operation and backend")
                .labelNames("operation", "backend").register(registry);
        storeSeconds = Histogram.builder().name("dbtstate_store_duration_seconds")
                .help("Duration of store calls by operation and backend")
                .labelNames("operation", "backend").classicOnly().classicUpperBounds(SECONDS).register(registry);
        storeUp = Gauge.builder().name("dbtstate_store_up")
                .help("1 when the last health probe of the store answered, 0 when it failed").register(registry);
        storeUp.set(1);
    }

    /** The interceptor that times calls and makes these metrics reachable from the endpoints. */
    public ServerInterceptor interceptor() {
        return new MetricsInterceptor(this, IN_CALL);
    }

    /** One store call, as reported by the store's instrumentation. */
    public void storeCall(String operation, String backend, boolean failed, long nanos) {
        storeCalls.labelValues(operation, backend).inc();
        if (failed) {
            storeErrors.labelValues(operation, backend).inc();
        }
        storeSeconds.labelValues(operation, backend).observe(nanos / 1e9);
    }

    /** The result of the newest store probe. */
    public void storeUp(boolean up) {
        storeUp.set(up ? 1 : 0);
    }

    /** Counts a decision when the current call is measured. */
    static void noteDecision(Decision d) {
        DecisionLabels labels = DecisionLabels.of(d);
        inCall().ifPresent(m -> m.decisions.labelValues(labels.outcome().toLowerCase(Locale.ROOT), labels.reason()).inc());
    }

    /** Counts a confirmation result when the current call is measured. */
    static void noteConfirm(String result) {
        inCall().ifPresent(m -> m.confirms.labelValues(result.toLowerCase(Locale.ROOT)).inc());
    }

    private static Optional<Metrics> inCall() {
        return Optional.ofNullable(IN_CALL.get());
    }
}
