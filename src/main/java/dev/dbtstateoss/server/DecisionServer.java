package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.DecisionEngine;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The gRPC server: every service the clients call, plus health and reflection. */
public final class DecisionServer {
    /** Requests larger than this are refused with RESOURCE_EXHAUSTED. */
    public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final AtomicBoolean terminal = new AtomicBoolean();
    /** Sends a decision's safe answer when its store calls outlast the decision's time (see {@link GuardedAnswer}). */
    private final ScheduledThreadPoolExecutor fallbacks = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "decision-fallbacks");
        t.setDaemon(true);
        return t;
    });

    public DecisionServer(ServerBuilder<?> builder, DecisionEngine engine, Clock clock) {
        this(builder, engine, clock, List.of());
    }

    /**
     * As above, with {@code interceptors} on every call as well (for example capture). They run
     * before the server's own ({@link ClientMetadata}), the last of the list first.
     */
    public DecisionServer(ServerBuilder<?> builder, DecisionEngine engine, Clock clock, List<ServerInterceptor> interceptors) {
        this(builder, Engines.single(engine), clock, interceptors);
    }

    /** As above, with the engine of each call chosen by {@code engines} (one per organization, for example). */
    public DecisionServer(ServerBuilder<?> builder, Engines engines, Clock clock, List<ServerInterceptor> interceptors) {
        builder.intercept(new ClientMetadata(clock));
        for (ServerInterceptor i : interceptors) {
            builder.intercept(i);
        }
        fallbacks.setRemoveOnCancelPolicy(true);
        MalformedRequests malformed = new MalformedRequests(DecisionLog::warn);
        builder.maxInboundMessageSize(MAX_MESSAGE_BYTES);
        for (io.grpc.BindableService service : List.of(new SqlEndpoint(engines, clock, fallbacks), new ExecutionEndpoint(engines, clock),
                new CloneEndpoint(engines, clock), new ClientEndpoints.Validation(), new ExplainEndpoint(engines),
                new ClientEndpoints.Telemetry(), new SelectorEndpoint(), health.getHealthService(),
                ProtoReflectionServiceV1.newInstance())) {
            builder.addService(malformed.guard(service.bindService()));
        }
        this.server = builder.build();
    }

    public DecisionServer start() throws IOException {
        server.start();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        return this;
    }

    /**
     * Reports SERVING or NOT_SERVING on the health service (for example while the store is
     * unreachable). After {@link #shutdown} began, the status stays NOT_SERVING.
     */
    public void setServing(boolean serving) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
                serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }

    /**
     * Reports NOT_SERVING for good while still answering calls: the first step of a drain, so that
     * health-checking load balancers send new calls elsewhere before {@link #shutdown} refuses them.
     */
    public void stopServing() {
        if (terminal.compareAndSet(false, true)) {
            health.enterTerminalState();
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, lets in-flight calls finish within {@code grace}, then cancels the rest. */
    public void shutdown(Duration grace) throws InterruptedException {
        stopServing();
        server.shutdown();
        if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        fallbacks.shutdownNow();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
