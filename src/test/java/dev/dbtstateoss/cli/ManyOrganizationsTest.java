package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.TableModifiedInfo;
import dev.dbtstateoss.server.AuthInterceptor;
import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.server.OrgEngines;
import dev.dbtstateoss.server.TestIssuer;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.serving.ServeEngines;
import dev.dbtstateoss.store.MemoryStore;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1,500 organizations through one `*`-scoped token against serve's own engines (ServeEngines) over
 * Netty: every call is answered, the threads stay bounded, and an id over 128 characters is
 * INVALID_ARGUMENT.
 */
class ManyOrganizationsTest {
    static final int ORGS = 1500;
    static final String AUD = "dbt-state-client";
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ORG = Metadata.Key.of("x-organization-id", Metadata.ASCII_STRING_MARSHALLER);

    static SubmitEnrichedSQLRequest model() {
        String target = "\"db\".\"analytics\".\"orders\"";
        return SubmitEnrichedSQLRequest.newBuilder().setTargetTable(target).setDialect("postgres")
                .setExecutionType(ModelExecutionType.FULL).setSql("select id from \"db\".\"raw\".\"orders\"")
                .setTolerateNondeterminism(true)
                .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"orders\"").setLastModifiedEpoch(100))
                .addTables(TableModifiedInfo.newBuilder().setName(target)).putLabels("dbt_node_unique_id", "model.p.orders").build();
    }

    @Test
    void fifteenHundredOrganizationsKeepTheThreadsBounded() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (TestIssuer issuer = new TestIssuer(List.of())) {
            TokenCheck check = new TokenCheck(TokenCheck.remoteKeys(URI.create(issuer.jwksUrl()).toURL()), issuer.issuer(), AUD, 60);
            String token = issuer.sign(issuer.issuer(), AUD, "operator", "runcache:scope:org:*:admin", Instant.now().plusSeconds(600));
            Clock clock = Clock.systemUTC();
            MemoryStore store = new MemoryStore();
            ServeEngines engines = ServeEngines.open(store, true, Duration.ofSeconds(10), clock,
                    dev.dbtstateoss.engine.ReusePolicy.DEFAULT, null, w -> {});
            DecisionServer server = new DecisionServer(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                    engines.engines(), clock, AuthInterceptor.chain(check, r -> {})).start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                SQLGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS); // channel up before counting
                int before = threads.getThreadCount();
                threads.resetPeakThreadCount();
                AtomicInteger executed = new AtomicInteger();
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    int client = c;
                    done.add(clients.submit(() -> {
                        for (int i = client; i < ORGS; i += 4) {
                            if (as(channel, token, "org-" + i).submitEnrichedSQL(model()).hasReadyToExecute()) {
                                executed.incrementAndGet();
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(300, TimeUnit.SECONDS);
                }
                int peak = threads.getPeakThreadCount();
                assertEquals(ORGS, executed.get());
                // before: a writer thread and store-call threads per organization, kept for good (1,500+)
                assertTrue(peak - before < 2 * OrgEngines.DEFAULT_MAX_OPEN + 100,
                        "threads: " + before + " before, peak " + peak + " with " + ORGS + " organizations");
                assertTrue(((OrgEngines) engines.engines()).organizations().size() <= OrgEngines.DEFAULT_MAX_OPEN);
                assertTrue(store.list("orgs/org-1499/runs/").count() == 1, "the last organization's decision is stored");

                StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                        () -> as(channel, token, "o".repeat(129)).submitEnrichedSQL(model()));
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
            } finally {
                clients.shutdownNow();
                channel.shutdownNow();
                server.shutdown(Duration.ofSeconds(1));
                engines.close();
            }
        }
    }

    private static SQLGrpc.SQLBlockingStub as(ManagedChannel channel, String token, String org) {
        Metadata m = new Metadata();
        m.put(AUTHORIZATION, "Bearer " + token);
        m.put(ORG, org);
        return SQLGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }
}
