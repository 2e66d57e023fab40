package dev.dbtstateoss.server;

import dev.dbtstateoss.engine.DecisionEngine;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The real services on an in-process server and a channel to it: the shared fixture of tests that call the
 * server through real stubs. {@code direct} runs calls on the caller's thread (deterministic); otherwise on
 * gRPC's executor, as a network server would.
 */
public record InProcessServer(DecisionServer server, ManagedChannel channel) implements AutoCloseable {
    /** The engine's server, calls run on the caller's thread. */
    public static InProcessServer start(DecisionEngine engine) throws IOException {
        return start(Engines.single(engine), List.of(), true);
    }

    public static InProcessServer start(Engines engines, List<ServerInterceptor> interceptors, boolean direct) throws IOException {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        InProcessChannelBuilder channel = InProcessChannelBuilder.forName(name);
        if (direct) {
            builder.directExecutor();
            channel.directExecutor();
        }
        DecisionServer server = new DecisionServer(builder, engines, Clock.systemUTC(), interceptors).start();
        return new InProcessServer(server, channel.build());
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        server.shutdown(Duration.ofSeconds(1));
    }
}
