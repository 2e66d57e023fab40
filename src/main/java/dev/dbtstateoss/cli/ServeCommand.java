package dev.dbtstateoss.cli;

import dev.dbtstateoss.capture.CaptureWriter;
import dev.dbtstateoss.dashboard.DashboardServer;
import dev.dbtstateoss.server.ConnectionLimits;
import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.server.ServeInterceptors;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.serving.ServeEngines;
import dev.dbtstateoss.store.StateStore;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the decision server the dbt-state client talks to. */
@Command(
        name = "serve",
        description = {
            "Run the gRPC decision server for the dbt-state client.",
            "Point dbt at it with RUN_CACHE_API_URL=HOST:PORT and RUN_CACHE_API_SECURE=false"
                    + " (plus RUN_CACHE_OAUTH_CLIENT_SECRET=unused outside a terminal).",
            "With --tls-cert and --auth-jwks-url (or --auth-public-key) the client connects with"
                    + " RUN_CACHE_API_SECURE=true and an OIDC token; see docs/security.md."
        })
public final class ServeCommand extends Verb implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger("dev.dbtstateoss.serve");

    @Mixin StoreOptions store;

    @Mixin SecurityOptions security;
    @Mixin OpsOptions ops;
    @Mixin CaptureOption capture;
    @Mixin ReuseOptions reuse;
    @Mixin DashboardOptions dashboard;
    @Mixin RetainOption retention;

    @Option(names = "--port", defaultValue = "${env:DBTSTATE_PORT:-50051}",
            description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE} (env DBTSTATE_PORT).")
    int port;

    @Option(names = "--host", defaultValue = "${env:DBTSTATE_HOST}",
            description = "Address to bind (env DBTSTATE_HOST). Default: 127.0.0.1, or 0.0.0.0 with token auth or"
                    + " --tls-client-ca. Without authentication anyone who reaches the port can use the server:"
                    + " bind to another address only on a trusted network (serve warns).")
    String host;

    @Option(names = "--store-timeout-ms", defaultValue = "10000",
            description = "A store call slower than this fails; a decision then answers EXECUTE. Default: ${DEFAULT-VALUE}.")
    long storeTimeoutMs;

    @Option(names = "--drain-seconds", defaultValue = "30",
            description = "On SIGTERM, how long in-flight calls may finish. Default: ${DEFAULT-VALUE}.")
    int drainSeconds;

    @Override
    public Integer call() throws Exception {
        if (storeTimeoutMs <= 0) {
            throw new ExitCodes.UserInputException("--store-timeout-ms " + storeTimeoutMs + ": must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new ExitCodes.UserInputException("--port " + port + ": must be between 0 and 65535");
        }
        Duration retain = retention.window();
        io.grpc.ServerCredentials credentials = security.credentials();
        Optional<TokenCheck> tokens = security.tokenCheck();
        boolean authenticated = tokens.isPresent() || security.tlsClientCa != null;
        host = BindAddress.choose(host, authenticated);
        ops.check();
        dev.dbtstateoss.engine.ReusePolicy policy = reuse.policy();
        Logs.Format format = ops.format();
        Logs.configure(System.err, format);
        StoreSpec storeSpec = store.spec();
        Optional<CaptureWriter> captured = capture.open(LOG);
        Operations operations = Operations.start(ops, host, LOG);
        StateStore stateStore;
        try {
            stateStore = operations.instrument(storeSpec.open(), storeSpec.kind());
        } catch (RuntimeException e) {
            closeAll(captured, operations);
            if (e instanceof StateStore.StoreException) {
                spec.commandLine().getErr().println("error: --store " + storeSpec.kind().label() + ": " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            throw e;
        }
        Clock clock = Clock.systemUTC();
        List<io.grpc.ServerInterceptor> interceptors = new ServeInterceptors(
                CaptureOption.interceptor(captured, clock).map(io.grpc.ServerInterceptor.class::cast), tokens, LOG::warning,
                Duration.ofMillis(storeTimeoutMs), operations.interceptors()).chain();
        ServeEngines engines = ServeEngines.open(stateStore, tokens.isPresent(), Duration.ofMillis(storeTimeoutMs), clock,
                policy, retain, LOG::warning);
        Optional<DashboardServer> ui = dashboard.start(stateStore, tokens, LOG);
        DecisionServer server = new DecisionServer(
                listener(host, port, credentials),
                engines.engines(), clock, interceptors);
        try {
            server.start();
        } catch (IOException e) {
            ui.ifPresent(DashboardServer::close);
            engines.close();
            closeAll(captured, operations);
            spec.commandLine().getErr().println("error: --host " + host + " --port " + port + ": cannot listen ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + "); choose another --port or stop the process using it");
            return ExitCodes.FAILURE;
        }
        operations.watch(stateStore, server, Duration.ofMillis(storeTimeoutMs));
        BindAddress.warning(host, authenticated, security.tlsCert != null, server.port()).ifPresent(LOG::warning);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                operations.drainNotice(server, spec.commandLine().getErr(), format);
                spec.commandLine().getErr().println(Logs.line(format, "shutting down: draining in-flight calls for up to "
                        + drainSeconds + " s"));
                server.shutdown(Duration.ofSeconds(drainSeconds));
                spec.commandLine().getErr().println(Logs.line(format, "stopped"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ui.ifPresent(DashboardServer::close);
                engines.close();
                closeAll(captured, operations);
                stateStore.close();
            }
        }, "drain"));
        spec.commandLine().getOut().println("dbt-state-oss serving on " + host + ":" + server.port() + " (store: "
                + stateStore.describe() + "; " + security.describe(tokens.isPresent()) + ")");
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return ExitCodes.OK;
    }

    /** The gRPC listener: host:port with these credentials, and the connection limits of docs/security.md. */
    static NettyServerBuilder listener(String host, int port, io.grpc.ServerCredentials credentials) {
        return ConnectionLimits.DEFAULTS.applyTo(NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials));
    }

    /** Stops capture (after what it holds is written) and the operations endpoints. */
    private static void closeAll(Optional<CaptureWriter> captured, Operations operations) {
        try {
            if (captured.isPresent()) {
                captured.get().close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            operations.close();
        }
    }
}
