package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ConfirmExecutionRequest;
import com.fivetran.query_cache.ExecutionGrpc;
import com.fivetran.query_cache.ModelExecutionType;
import com.fivetran.query_cache.SQLGrpc;
import com.fivetran.query_cache.SubmitEnrichedSQLRequest;
import com.fivetran.query_cache.SubmitSQLResponse;
import com.fivetran.query_cache.TableModifiedInfo;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `serve` as real processes on one local directory: kill -9, restart, two servers at once, SIGTERM. */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class ServeProcessTest {
    static final Path ROOT = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
    static final Pattern SERVING = Pattern.compile("serving on 127\\.0\\.0\\.1:(\\d+)");

    /** A running `serve` process and a channel to it. */
    static final class Server implements AutoCloseable {
        final Process process;
        final Path log;
        final ManagedChannel channel;
        /** The first line serve printed ("dbt-state-oss serving on ... (store: ...)"); null for a client only. */
        final String startLine;

        /** A client of a server started elsewhere (no process of its own). */
        Server(ManagedChannel channel) {
            this.process = null;
            this.log = null;
            this.channel = channel;
            this.startLine = null;
        }

        Server(Path dir, Path log) throws Exception {
            this(List.of("--store", "local", "--dir", dir.toString()), java.util.Map.of(), log);
        }

        /** A `serve` on the store named by {@code storeArgs}, with {@code env} added to its environment. */
        Server(List<String> storeArgs, java.util.Map<String, String> env, Path log) throws Exception {
            this.log = log;
            List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/dbt-state-oss").toString(), "serve"));
            command.addAll(storeArgs);
            command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--drain-seconds", "5"));
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
            pb.environment().put("DBTSTATE_PINNED_JBANG", "1");
            pb.environment().putAll(env);
            process = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            String line = out.readLine();
            this.startLine = line;
            Matcher m = line == null ? null : SERVING.matcher(line);
            if (m == null || !m.find()) {
                throw new AssertionError("serve did not start: " + line + "\n" + Files.readString(log));
            }
            channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(m.group(1))).usePlaintext().build();
        }

        SubmitSQLResponse decide(String target, long targetMs) {
            TableModifiedInfo.Builder own = TableModifiedInfo.newBuilder().setName(target);
            if (targetMs > 0) {
                own.setLastModifiedEpoch(targetMs);
            }
            return SQLGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).submitEnrichedSQL(
                    SubmitEnrichedSQLRequest.newBuilder().setTargetTable(target).setExecutionType(ModelExecutionType.FULL)
                            .setSql("select id from \"db\".\"raw\".\"src\"").setTolerateNondeterminism(true)
                            .addTables(TableModifiedInfo.newBuilder().setName("\"db\".\"raw\".\"src\"").setLastModifiedEpoch(10))
                            .addTables(own).putLabels("dbt_node_unique_id", target).build());
        }

        boolean confirm(String requestId, long targetMs) {
            return ExecutionGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).confirmExecution(
                    ConfirmExecutionRequest.newBuilder().setRequestId(requestId).setLastModifiedEpoch(targetMs).build())
                    .getSuccess();
        }

        @Override
        public void close() throws Exception {
            channel.shutdownNow();
            if (process != null) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static String target(int i) {
        return "\"db\".\"an\".\"t" + i + "\"";
    }

    @Test
    void killRestartAndTwoServersLoseNothing(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        String pendingId;
        try (Server a = new Server(state, dir.resolve("a.log"))) {
            String id = a.decide(target(0), 0).getReadyToExecute().getRequestId();
            assertTrue(a.confirm(id, 100));
            assertTrue(a.decide(target(0), 100).hasSkipExecution());
            pendingId = a.decide(target(1), 0).getReadyToExecute().getRequestId();
            a.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 in the middle of a "dbt run"
        }
        try (Server b = new Server(state, dir.resolve("b.log")); Server c = new Server(state, dir.resolve("c.log"))) {
            assertTrue(b.decide(target(0), 100).hasSkipExecution(), "the confirmed run survived kill -9");
            assertTrue(c.confirm(pendingId, 200), "a decision made before the kill can be confirmed after it");
            assertTrue(b.decide(target(1), 200).hasSkipExecution());

            // Two servers, one directory: decide on one, confirm on the other, all at once.
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 10; i < 40; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    Server decider = n % 2 == 0 ? b : c;
                    Server confirmer = n % 2 == 0 ? c : b;
                    String id = decider.decide(target(n), 0).getReadyToExecute().getRequestId();
                    return confirmer.confirm(id, 1000 + n);
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            for (int i = 10; i < 40; i++) {
                assertTrue(b.decide(target(i), 1000 + i).hasSkipExecution(), "run of " + target(i) + " was lost");
                assertTrue(c.decide(target(i), 1000 + i).hasSkipExecution());
            }

            // A huge payload is refused with a clear status, and the server goes on answering.
            io.grpc.StatusRuntimeException huge = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                    () -> SQLGrpc.newBlockingStub(c.channel).withDeadlineAfter(60, TimeUnit.SECONDS).submitEnrichedSQL(
                            SubmitEnrichedSQLRequest.newBuilder().setTargetTable(target(1)).setExecutionType(ModelExecutionType.FULL)
                                    .setSql("select '" + "x".repeat(40 * 1024 * 1024) + "'").build()));
            assertEquals(io.grpc.Status.Code.RESOURCE_EXHAUSTED, huge.getStatus().getCode(), huge.toString());
            assertTrue(c.decide(target(1), 200).hasSkipExecution());

            // SIGTERM: the server drains and exits; its log has one line per decision.
            b.process.destroy();
            assertTrue(b.process.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
            assertEquals(143, b.process.exitValue());
            String log = Files.readString(b.log);
            assertTrue(log.contains("draining"), log);
            assertTrue(log.contains("outcome=SKIP reason=UP_TO_DATE"), log);
        }
    }
}
