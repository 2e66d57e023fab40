package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.TableModifiedInfo;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bearer check and the organizations' separate histories, on an in-process server with real stubs. */
class AuthInterceptorTest {
    static final String AUD = "dbt-state-client";
    static final String TARGET = "\"db\".\"analytics\".\"orders\"";
    static final String RAW = "\"db\".\"raw\".\"orders\"";

    private TestIssuer issuer;
    private MemoryStore shared;
    private DecisionServer server;
    private ManagedChannel channel;
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private long now = 1_800_000_000_000L;

    @BeforeEach
    void start() throws Exception {
        issuer = new TestIssuer(List.of());
        shared = new MemoryStore();
        Clock clock = Clock.systemUTC();
        OrgEngines engines = new OrgEngines(org -> org.equals("broken") ? failToOpen() : new OrgEngines.OrgEngine(DecisionEngine.over(new StoreHistory(PrefixedStore.forOrg(shared, org)))
                .ids(new Ids(clock))
                .build(),
                () -> {}));
        TokenCheck check = new TokenCheck(TokenCheck.remoteKeys(URI.create(issuer.jwksUrl()).toURL()), issuer.issuer(),
                AUD, 60);
        String name = InProcessServerBuilder.generateName();
        server = new DecisionServer(InProcessServerBuilder.forName(name).directExecutor(), engines, clock,
                AuthInterceptor.chain(check, refusals::add)).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    private static OrgEngines.OrgEngine failToOpen() {
        throw new dev.dbtstateoss.store.StateStore.StoreException("store unreachable", null);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdown(Duration.ofSeconds(1));
        issuer.close();
    }

    private String token(String scope) throws Exception {
        return issuer.sign(issuer.issuer(), AUD, "client-1", scope, Instant.now().plusSeconds(600));
    }

    private <S extends AbstractStub<S>> S as(S stub, String token, String org) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("x-submitted-at-epoch", Metadata.ASCII_STRING_MARSHALLER), Long.toString(now));
        if (token != null) {
            m.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
        }
        if (org != null) {
            m.put(AuthInterceptor.ORG_HEADER, org);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    private SubmitEnrichedSQLRequest model(long rawMs, Long targetMs) {
        TableModifiedInfo.Builder t = TableModifiedInfo.newBuilder().setName(TARGET);
        if (targetMs != null) {
            t.setLastModifiedEpoch(targetMs);
        }
        return SubmitEnrichedSQLRequest.newBuilder()
                .setTargetTable(TARGET).setDialect("postgres").setExecutionType(ModelExecutionType.FULL)
                .setSql("select id from " + RAW).setFreshnessToleranceSeconds(0).setTolerateNondeterminism(true)
                .addTables(TableModifiedInfo.newBuilder().setName(RAW).setLastModifiedEpoch(rawMs))
                .putLabels("dbt_node_unique_id", "model.p.orders").addTables(t).build();
    }

    private Status.Code refusedWith(String token, String org) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> as(SQLGrpc.newBlockingStub(channel), token, org).submitEnrichedSQL(model(100, null)));
        return e.getStatus().getCode();
    }

    @Test
    void everyBadTokenIsUnauthenticatedAndLoggedWithoutTheToken() throws Exception {
        String iss = issuer.issuer();
        Instant later = Instant.now().plusSeconds(600);
        String scope = "runcache:scope:org:acme:developer";
        String expired = issuer.sign(iss, AUD, "c", scope, Instant.now().minusSeconds(120));
        String forged = TestIssuer.sign(new RSAKeyGenerator(2048).keyID("test-key-1").generate(), iss, AUD, "c", scope, later);
        String wrongIssuer = issuer.sign("https://elsewhere.example", AUD, "c", scope, later);
        String wrongAudience = issuer.sign(iss, "someone-else", "c", scope, later);
        String noExpiry = issuer.sign(iss, AUD, "c", scope, null);
        for (String bad : new String[] {null, "not-a-jwt", "a.b.c", expired, forged, wrongIssuer, wrongAudience, noExpiry}) {
            assertEquals(Status.Code.UNAUTHENTICATED, refusedWith(bad, "acme"), String.valueOf(bad));
        }
        assertEquals(8, refusals.size(), String.join("\n", refusals));
        for (String line : refusals) {
            assertTrue(line.contains("SubmitEnrichedSQL") && line.contains("org=acme"), line);
            for (String t : new String[] {expired, forged, wrongIssuer, wrongAudience, noExpiry}) {
                assertFalse(line.contains(t) || line.contains(t.substring(t.lastIndexOf('.') + 1)), line);
            }
        }
        String log = String.join("\n", refusals);
        assertTrue(log.contains("Expired JWT"), log);
        assertTrue(log.contains("iss"), log);
        assertTrue(log.contains("aud") || log.contains("audience"), log);
        assertTrue(shared.list("").collect(Collectors.toList()).isEmpty(), "a refused call wrote to the store");
    }

    @Test
    void aTokenJustPastItsExpiryIsStillAcceptedWithinTheClockSkew() throws Exception {
        String recent = issuer.sign(issuer.issuer(), AUD, "c", "runcache:scope:org:acme:developer",
                Instant.now().minusSeconds(20));
        assertTrue(as(SQLGrpc.newBlockingStub(channel), recent, "acme").submitEnrichedSQL(model(100, null)).hasReadyToExecute());
    }

    @Test
    void organizationsTheTokenDoesNotGrantArePermissionDenied() throws Exception {
        assertEquals(Status.Code.PERMISSION_DENIED, refusedWith(token("runcache:scope:org:acme:developer"), null));
        assertEquals(Status.Code.PERMISSION_DENIED, refusedWith(token("runcache:scope:org:acme:developer"), "globex"));
        assertEquals(Status.Code.PERMISSION_DENIED, refusedWith(token("runcache:scope:app:acme:developer"), "acme"));
        assertEquals(Status.Code.PERMISSION_DENIED, refusedWith(token(null), "acme"));
        assertEquals(4, refusals.size());
        assertTrue(refusals.get(2).contains("disabled"), refusals.get(2));
        // a token granting the organization is served, and other services need it too
        assertTrue(as(SQLGrpc.newBlockingStub(channel), token("runcache:scope:org:acme:developer"), "acme")
                .submitEnrichedSQL(model(100, null)).hasReadyToExecute());
        assertThrows(StatusRuntimeException.class, () -> ClientValidationGrpc.newBlockingStub(channel)
                .validateClientVersion(ValidateClientVersionRequest.getDefaultInstance()));
    }

    @Test
    void anOrganizationWhoseHistoryCannotBeOpenedIsUnavailable() throws Exception {
        assertEquals(Status.Code.UNAVAILABLE, refusedWith(token("runcache:scope:org:broken:developer"), "broken"));
        assertTrue(as(SQLGrpc.newBlockingStub(channel), token("runcache:scope:org:acme:developer"), "acme")
                .submitEnrichedSQL(model(100, null)).hasReadyToExecute(), "other organizations are served");
    }

    @Test
    void healthNeedsNoToken() {
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus());
        assertTrue(refusals.isEmpty());
    }

    @Test
    void oneOrganizationsRunsNeverMakeAnotherSkip() throws Exception {
        String acme = token("runcache:scope:org:acme:developer");
        String globex = token("runcache:scope:org:globex:developer runcache:scope:org:initech:admin");
        SubmitSQLResponse first = as(SQLGrpc.newBlockingStub(channel), acme, "acme").submitEnrichedSQL(model(100, null));
        assertTrue(as(ExecutionGrpc.newBlockingStub(channel), acme, "acme").confirmExecution(ConfirmExecutionRequest
                .newBuilder().setRequestId(first.getReadyToExecute().getRequestId()).setLastModifiedEpoch(500).build())
                .getSuccess());
        now += 60_000;
        assertTrue(as(SQLGrpc.newBlockingStub(channel), acme, "acme").submitEnrichedSQL(model(100, 500L)).hasSkipExecution(),
                "acme's own confirmed run makes it skip");
        // same SQL, same target, same stamps: globex has no history, so it executes
        SubmitSQLResponse other = as(SQLGrpc.newBlockingStub(channel), globex, "globex").submitEnrichedSQL(model(100, 500L));
        assertTrue(other.hasReadyToExecute(), other.toString());
        // nor can globex confirm acme's pending run... it only knows its own request ids
        assertFalse(as(ExecutionGrpc.newBlockingStub(channel), globex, "initech").confirmExecution(ConfirmExecutionRequest
                .newBuilder().setRequestId(other.getReadyToExecute().getRequestId()).setLastModifiedEpoch(600).build())
                .getSuccess(), "a request of globex is unknown to initech");
        List<String> keys = shared.list("").sorted().collect(Collectors.toList());
        assertTrue(keys.stream().allMatch(k -> k.startsWith("orgs/acme/") || k.startsWith("orgs/globex/")
                || k.startsWith("orgs/initech/")), keys.toString());
        assertTrue(keys.contains("orgs/acme/format") && keys.stream().anyMatch(k -> k.startsWith("orgs/globex/runs/")),
                keys.toString());
    }

    @Test
    void anIssuerWhoseKeysCannotBeFetchedMakesCallsUnavailableNotUnauthenticated() throws Exception {
        String good = token("runcache:scope:org:acme:write");
        TestIssuer gone = new TestIssuer(List.of());
        String jwks = gone.jwksUrl();
        gone.close();
        TokenCheck check = new TokenCheck(TokenCheck.remoteKeys(URI.create(jwks).toURL()), issuer.issuer(), AUD, 60);
        TokenCheck.Verdict verdict = check.check("Bearer " + good, "acme");
        assertTrue(verdict instanceof TokenCheck.Unavailable, verdict.toString());

        String name = InProcessServerBuilder.generateName();
        DecisionServer other = new DecisionServer(InProcessServerBuilder.forName(name).directExecutor(),
                Engines.single(DecisionEngine.over(new StoreHistory(new MemoryStore()))
                        .ids(new Ids(Clock.systemUTC()))
                        .build()), Clock.systemUTC(), AuthInterceptor.chain(check, refusals::add)).start();
        ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> as(SQLGrpc.newBlockingStub(ch), good, "acme").submitEnrichedSQL(model(100, null)));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            assertFalse(refusals.stream().anyMatch(l -> l.contains(good)), "a refusal line holds the token");
        } finally {
            ch.shutdownNow();
            other.shutdown(Duration.ofSeconds(1));
        }
    }
}
