package dev.dbtstateoss.replay;

import dev.dbtstateoss.engine.ReusePolicy;
import dev.dbtstateoss.server.DecisionServer;
import dev.dbtstateoss.serving.ServeEngines;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Where replayed calls go: a fresh engine behind an in-process server, or a running server. */
public final class ReplayTarget implements AutoCloseable {
    /** The server at --target could not be reached. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    private final ManagedChannel channel;
    private final DecisionServer server;
    private final ServeEngines engines;
    private final StateStore store;

    private ReplayTarget(ManagedChannel channel, DecisionServer server, ServeEngines engines, StateStore store) {
        this.channel = channel;
        this.server = server;
        this.engines = engines;
        this.store = store;
    }

    /**
     * The engine {@code serve} runs ({@link ServeEngines}: the same history, store-call time limit, explanation and
     * aggregate writers, archive, fingerprinter, ids and reuse policy) over {@code store}, behind
     * the real services on an in-process server; "now" of each call is its recorded
     * x-submitted-at-epoch header, as in {@code serve}.
     */
    public static ReplayTarget inProcess(StateStore store, ReusePolicy policy, Consumer<String> warnings) throws IOException {
        Clock clock = Clock.systemUTC();
        ServeEngines engines;
        try {
            engines = ServeEngines.open(store, false, ServeEngines.DEFAULT_STORE_TIMEOUT, clock, policy, null, warnings);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        String name = InProcessServerBuilder.generateName();
        DecisionServer server = new DecisionServer(InProcessServerBuilder.forName(name).directExecutor(), engines.engines(),
                clock, List.of()).start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor()
                .maxInboundMessageSize(DecisionServer.MAX_MESSAGE_BYTES).build();
        return new ReplayTarget(channel, server, engines, store);
    }

    /** A plaintext channel to {@code hostPort}, once it is connected (waiting up to {@code wait}). */
    public static ReplayTarget remote(String hostPort, Duration wait) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forTarget(hostPort).usePlaintext()
                .maxInboundMessageSize(DecisionServer.MAX_MESSAGE_BYTES).build();
        long deadline = System.nanoTime() + wait.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            long left = deadline - System.nanoTime();
            if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN || left <= 0) {
                channel.shutdownNow();
                throw new Unreachable("--target " + hostPort + ": cannot connect ("
                        + (left <= 0 ? "no answer within " + wait.toSeconds() + " s" : "connection failed")
                        + "); is the server running, without TLS?");
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            changed.await(left, TimeUnit.NANOSECONDS);
            state = channel.getState(true);
        }
        return new ReplayTarget(channel, null, null, null);
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
        if (server != null) {
            server.shutdown(Duration.ofSeconds(1));
        }
        if (engines != null) {
            engines.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
