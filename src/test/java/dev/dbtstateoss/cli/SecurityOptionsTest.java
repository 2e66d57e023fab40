package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.server.ServeInterceptors;
import dev.dbtstateoss.server.TestCerts;
import dev.dbtstateoss.server.TestIssuer;
import dev.dbtstateoss.serving.ServeEngines;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's TLS and token options: clear errors for bad files, and real TLS (and mutual TLS) handshakes. */
class SecurityOptionsTest {
    @TempDir Path dir;

    private CliTest.Result serve(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--store", "memory", "--host", "127.0.0.1"}, 0, all, args.length + 1, 4);
        return CliTest.run(all);
    }

    private void assertUsage(CliTest.Result r, String... mentions) {
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "expected " + m + " in: " + r.err());
        }
    }

    @Test
    void badTlsFilesAreUsageErrorsNamingTheFlag() throws Exception {
        TestCerts.Issued ca = TestCerts.ca(dir, "ca");
        TestCerts.Issued server = TestCerts.leaf(dir, "server", ca);
        TestCerts.Issued other = TestCerts.leaf(dir, "other", ca);
        Path missing = dir.resolve("missing.pem");
        Path pkcs1 = dir.resolve("pkcs1.key");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        Path notPem = dir.resolve("garbage.pem");
        Files.writeString(notPem, "hello");

        assertUsage(serve("--tls-cert", server.certFile().toString()), "--tls-cert", "needs --tls-key");
        assertUsage(serve("--tls-key", server.keyFile().toString()), "--tls-key", "needs --tls-cert");
        assertUsage(serve("--tls-cert", missing.toString(), "--tls-key", server.keyFile().toString()),
                "--tls-cert " + missing, "cannot read");
        assertUsage(serve("--tls-cert", notPem.toString(), "--tls-key", server.keyFile().toString()),
                "--tls-cert " + notPem, "no PEM certificate");
        assertUsage(serve("--tls-cert", server.certFile().toString(), "--tls-key", pkcs1.toString()),
                "--tls-key " + pkcs1, "openssl pkcs8");
        assertUsage(serve("--tls-cert", server.certFile().toString(), "--tls-key", other.keyFile().toString()),
                "--tls-key " + other.keyFile(), "does not match");
        assertUsage(serve("--tls-client-ca", ca.certFile().toString()), "--tls-client-ca", "needs --tls-cert");
        assertUsage(serve("--tls-cert", server.certFile().toString(), "--tls-key", server.keyFile().toString(),
                "--tls-client-ca", notPem.toString()), "--tls-client-ca " + notPem);
    }

    @Test
    void badTokenOptionsNameTheFlag() throws Exception {
        Path notPem = dir.resolve("garbage.pem");
        Files.writeString(notPem, "hello");
        assertUsage(serve("--auth-issuer", "https://i"), "--auth-issuer", "needs --auth-jwks-url or --auth-public-key");
        assertUsage(serve("--auth-jwks-url", "http://127.0.0.1:1/jwks", "--auth-audience", "a"), "--auth-issuer", "required");
        assertUsage(serve("--auth-public-key", notPem.toString(), "--auth-issuer", "i", "--auth-audience", "a"),
                "--auth-public-key " + notPem);
        assertUsage(serve("--auth-public-key", notPem.toString(), "--auth-jwks-url", "http://x/", "--auth-issuer", "i",
                "--auth-audience", "a"), "give only one");
        CliTest.Result unreachable = serve("--auth-jwks-url", "http://127.0.0.1:1/jwks", "--auth-issuer", "i",
                "--auth-audience", "a");
        assertEquals(ExitCodes.FAILURE, unreachable.code(), unreachable.err());
        assertTrue(unreachable.err().contains("--auth-jwks-url http://127.0.0.1:1/jwks: cannot fetch"), unreachable.err());
    }

    /** A server on a free port with the credentials and token rules the options give. */
    private DecisionServer start(String... args) throws Exception {
        SecurityOptions options = CommandLine.populateCommand(new SecurityOptions(), args);
        Clock clock = Clock.systemUTC();
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore())).ids(new Ids(clock)).build();
        List<io.grpc.ServerInterceptor> interceptors = new ServeInterceptors(Optional.empty(), options.tokenCheck(), m -> {},
                ServeEngines.DEFAULT_STORE_TIMEOUT, List.of()).chain();
        return new DecisionServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), options.credentials()),
                engine, clock, interceptors).start();
    }

    private static Status.Code health(DecisionServer server, ChannelCredentials creds) throws Exception {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", server.port(), creds).build();
        try {
            HealthGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsAndMutualTlsHandshakes() throws Exception {
        TestCerts.Issued ca = TestCerts.ca(dir, "ca");
        TestCerts.Issued server = TestCerts.leaf(dir, "server", ca);
        TestCerts.Issued clientCa = TestCerts.ca(dir, "client-ca");
        TestCerts.Issued client = TestCerts.leaf(dir, "client", clientCa);
        TestCerts.Issued stranger = TestCerts.leaf(dir, "stranger", ca);
        ChannelCredentials trusting = TlsChannelCredentials.newBuilder().trustManager(ca.certFile().toFile()).build();
        ChannelCredentials untrusting = TlsChannelCredentials.newBuilder().trustManager(clientCa.certFile().toFile()).build();

        DecisionServer tls = start("--tls-cert", server.certFile().toString(), "--tls-key", server.keyFile().toString());
        try {
            assertEquals(Status.Code.OK, health(tls, trusting));
            assertEquals(Status.Code.UNAVAILABLE, health(tls, untrusting), "a client that does not trust the CA");
        } finally {
            tls.shutdown(Duration.ofSeconds(1));
        }

        DecisionServer mutual = start("--tls-cert", server.certFile().toString(), "--tls-key", server.keyFile().toString(),
                "--tls-client-ca", clientCa.certFile().toString());
        try {
            assertEquals(Status.Code.UNAVAILABLE, health(mutual, trusting), "no client certificate");
            assertEquals(Status.Code.UNAVAILABLE, health(mutual, TlsChannelCredentials.newBuilder()
                    .trustManager(ca.certFile().toFile()).keyManager(stranger.certFile().toFile(), stranger.keyFile().toFile())
                    .build()), "a client certificate of another CA");
            assertEquals(Status.Code.OK, health(mutual, TlsChannelCredentials.newBuilder()
                    .trustManager(ca.certFile().toFile()).keyManager(client.certFile().toFile(), client.keyFile().toFile())
                    .build()));
        } finally {
            mutual.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFixedPublicKeyChecksTokensOverTls() throws Exception {
        TestCerts.Issued ca = TestCerts.ca(dir, "ca");
        TestCerts.Issued server = TestCerts.leaf(dir, "server", ca);
        try (TestIssuer issuer = new TestIssuer(List.of())) {
            Path key = dir.resolve("issuer.pem");
            Files.writeString(key, issuer.publicKeyPem());
            DecisionServer s = start("--tls-cert", server.certFile().toString(), "--tls-key", server.keyFile().toString(),
                    "--auth-public-key", key.toString(), "--auth-issuer", issuer.issuer(), "--auth-audience", "aud-1");
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", s.port(),
                    TlsChannelCredentials.newBuilder().trustManager(ca.certFile().toFile()).build()).build();
            try {
                var stub = ClientValidationGrpc.newBlockingStub(ch);
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> stub.validateClientVersion(ValidateClientVersionRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
                Metadata m = new Metadata();
                m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + issuer.sign(
                        issuer.issuer(), "aud-1", "svc", "runcache:scope:org:acme:developer", Instant.now().plusSeconds(60)));
                m.put(Metadata.Key.of("x-organization-id", Metadata.ASCII_STRING_MARSHALLER), "acme");
                stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m))
                        .validateClientVersion(ValidateClientVersionRequest.getDefaultInstance());
            } finally {
                ch.shutdownNow();
                s.shutdown(Duration.ofSeconds(1));
            }
        }
    }
}
