package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fivetran.query_cache.ClientValidationGrpc;
import com.fivetran.query_cache.ValidateClientVersionRequest;
import dev.dbtstateoss.engine.DecisionEngine;
import dev.dbtstateoss.engine.Ids;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Raw TCP clients that stall (before the HTTP/2 preface, or after it without a call) are disconnected. */
@Tag("slow") // waits for the server's connection timeouts: left out by scripts/test --fast
class StalledConnectionsTest {
    /**
     * As the defaults are ordered: a peer that stops answering pings is found before the idle limit,
     * whose GOAWAY waits up to 10 s (grpc-java's graceful-shutdown ping) for a peer that never answers.
     */
    static final ConnectionLimits SHORT = new ConnectionLimits(Duration.ofSeconds(1), Duration.ofSeconds(6), Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    /**
     * Measured from the connection: a peer that never answers a ping is closed after about 2 s, but on a
     * loaded machine the idle limit (6 s) can come first, and its GOAWAY then waits up to 10 s more.
     */
    static final long LIMIT_MS = 20_000;
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private DecisionServer server;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.systemUTC();
        DecisionEngine engine = DecisionEngine.over(new StoreHistory(new MemoryStore())).ids(new Ids(clock)).build();
        server = new DecisionServer(SHORT.applyTo(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))), engine,
                clock).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown(Duration.ofSeconds(1));
    }

    /** Milliseconds until the server closed the socket (reading whatever it sends, answering nothing). */
    private static long closedAfterMs(Socket s, long connectedNanos) throws IOException {
        s.setSoTimeout(30_000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // frames from the server (SETTINGS, PING, GOAWAY): never acknowledged
            }
        } catch (SocketTimeoutException e) {
            return Long.MAX_VALUE;
        } catch (IOException reset) {
            // a reset is a close too
        }
        return (System.nanoTime() - connectedNanos) / 1_000_000;
    }

    @Test
    void stalledClientsAreDisconnectedAndOthersStillServed() throws Exception {
        List<Socket> silent = new ArrayList<>();
        List<Socket> afterPreface = new ArrayList<>();
        long connected = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            silent.add(new Socket("127.0.0.1", server.port()));
            Socket s = new Socket("127.0.0.1", server.port());
            s.getOutputStream().write(PREFACE);
            s.getOutputStream().write(EMPTY_SETTINGS);
            s.getOutputStream().flush();
            afterPreface.add(s);
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            for (Socket s : silent) {
                long ms = closedAfterMs(s, connected);
                assertTrue(ms < LIMIT_MS, "a client that never sent the HTTP/2 preface is still connected after " + ms + " ms");
            }
            for (Socket s : afterPreface) {
                long ms = closedAfterMs(s, connected);
                assertTrue(ms < LIMIT_MS, "a client that stalled after the preface is still connected after " + ms + " ms");
            }
            // A real client is served, and reconnects by itself after its idle connection was closed.
            for (int round = 0; round < 2; round++) {
                assertTrue(ClientValidationGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .validateClientVersion(ValidateClientVersionRequest.newBuilder().setDbtRunCacheVersion("2.62.3").build())
                        .getIsSupported());
                Thread.sleep(7_000); // past the idle limit: the server closes the connection, the client reconnects
            }
        } finally {
            channel.shutdownNow();
            for (Socket s : silent) {
                s.close();
            }
            for (Socket s : afterPreface) {
                s.close();
            }
        }
    }
}
