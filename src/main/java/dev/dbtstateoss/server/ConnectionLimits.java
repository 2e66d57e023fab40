package dev.dbtstateoss.server;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long a connection may stall before the server closes it: {@code handshake} to send the HTTP/2
 * preface (and finish TLS), {@code idle} without any call (closed with GOAWAY; a client reconnects
 * on its next call), and every {@code keepAlive} a ping that must be answered within
 * {@code keepAliveTimeout}, so a peer that stopped reading is found even during a long call.
 */
public record ConnectionLimits(Duration handshake, Duration idle, Duration keepAlive, Duration keepAliveTimeout) {
    /** What serve uses (docs/security.md). */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(20), Duration.ofMinutes(15),
            Duration.ofMinutes(2), Duration.ofSeconds(20));

    /** The builder with these limits applied. */
    public NettyServerBuilder applyTo(NettyServerBuilder builder) {
        return builder.handshakeTimeout(handshake.toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(idle.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTime(keepAlive.toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(keepAliveTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
