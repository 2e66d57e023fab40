package dev.dbtstateoss.cli;

import dev.dbtstateoss.server.CaptureInterceptor;
import dev.dbtstateoss.server.CaptureWriter;
import dev.dbtstateoss.server.AuthInterceptor;
import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.store.StateStore;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the decision server the dbt-state client talks to. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run the gRPC decision server for the dbt-state client.",
            "Point dbt at it with RUN_CACHE_API_URL=HOST:PORT and RUN_CACHE_API_SECURE=false"
                    + " (plus RUN_CACHE_OAUTH_CLIENT_SECRET=unused outside a terminal).",
            "With --tls-cert and --auth-jwks-url (or --auth-public-key) the client connects with"
                    + " RUN_CACHE_API_SECURE=true and an OIDC token; see docs/security.md."
        })
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger("dev.dbtstateoss.serve");

    @Spec CommandSpec spec;

    @Mixin StoreOptions store;

    @Mixin SecurityOptions security;
    @Mixin OpsOptions ops;

    @Option(names = "--port", defaultValue = "${env:DBTSTATE_PORT:-50051}",
            description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE} (env DBTSTATE_PORT).")
    int port;

    @Option(names = "--host", defaultValue = "${env:DBTSTATE_HOST:-0.0.0.0}",
            description = "Address to bind. Default: ${DEFAULT-VALUE} (env DBTSTATE_HOST). Without --auth-jwks-url or"
                    + " --auth-public-key the server has no authentication: bind to 127.0.0.1 unless the network is trusted.")
    String host;

    @Option(names = "--store-timeout-ms", defaultValue = "10000",
            description = "A store call slower than this fails; a decision then answers EXECUTE. Default: ${DEFAULT-VALUE}.")
    long storeTimeoutMs;

    @Option(names = "--drain-seconds", defaultValue = "30",
            description = "On SIGTERM, how long in-flight calls may finish. Default: ${DEFAULT-VALUE}.")
    int drainSeconds;

    @Option(names = "--capture", paramLabel = "FILE",
            description = "Append every call (request, answer, headers; authorization redacted) to FILE, one JSON line"
                    + " each, for `replay`. Capture never delays or fails a call: when it cannot keep up or cannot"
                    + " write, it drops or stops with one warning and the server keeps answering.")
    Path capture;

    @Override
    public Integer call() throws Exception {
        if (storeTimeoutMs <= 0) {
            throw new ExitCodes.UserInputException("--store-timeout-ms " + storeTimeoutMs + ": must be positive");
        }
        if (port < 0 || port > 65535) {
            throw new ExitCodes.UserInputException("--port " + port + ": must be between 0 and 65535");
        }
        io.grpc.ServerCredentials credentials = security.credentials();
        java.util.Optional<TokenCheck> tokens = security.tokenCheck();
        ops.check();
        Logs.Format format = ops.format();
        Logs.configure(System.err, format);
        Operations operations = Operations.start(ops, host, LOG);
        StateStore stateStore;
        try {
            stateStore = operations.instrument(store.open(), store.kind);
        } catch (StateStore.StoreException e) {
            operations.close();
            spec.commandLine().getErr().println("error: --store " + store.kind + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (RuntimeException e) {
            operations.close();
            throw e;
        }
        Clock clock = Clock.systemUTC();
        CaptureWriter captureWriter = null;
        if (capture != null) {
            try {
                captureWriter = CaptureWriter.open(capture, LOG::warning);
            } catch (IOException | RuntimeException e) {
                stateStore.close();
                operations.close();
                throw new ExitCodes.UserInputException("--capture " + capture + ": cannot write (" + e.getMessage() + ")");
            }
            LOG.info("capturing every call to " + capture);
        }
        // The last interceptor runs first: metrics see every call (refusals too), then the token check, then capture.
        List<io.grpc.ServerInterceptor> interceptors = new ArrayList<>();
        if (captureWriter != null) {
            interceptors.add(new CaptureInterceptor(captureWriter, clock));
        }
        tokens.ifPresent(t -> interceptors.addAll(AuthInterceptor.chain(t, LOG::warning)));
        interceptors.addAll(operations.interceptors());
        CaptureWriter captured = captureWriter;
        ServeEngines engines = ServeEngines.open(stateStore, tokens.isPresent(), Duration.ofMillis(storeTimeoutMs), clock,
                LOG::warning);
        DecisionServer server = new DecisionServer(NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials),
                engines.engines(), clock, interceptors);
        try {
            server.start();
        } catch (IOException e) {
            if (captured != null) {
                captured.close();
            }
            engines.close();
            operations.close();
            spec.commandLine().getErr().println("error: --host " + host + " --port " + port + ": cannot listen ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + "); choose another --port or stop the process using it");
            return ExitCodes.FAILURE;
        }
        operations.watch(stateStore, server, Duration.ofMillis(storeTimeoutMs));
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
                if (captured != null) {
                    try {
                        captured.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                engines.close();
                operations.close();
                stateStore.close();
            }
        }, "drain"));
        spec.commandLine().getOut().println("dbt-state-oss serving on " + host + ":" + server.port() + " (store: "
                + stateStore.describe() + "; " + security.describe(tokens.isPresent()) + ")");
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return ExitCodes.OK;
    }
}
