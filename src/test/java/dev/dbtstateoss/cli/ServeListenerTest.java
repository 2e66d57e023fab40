package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dbtstateoss.server.ConnectionLimits;
import io.grpc.InsecureServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The listener serve builds carries {@link ConnectionLimits#DEFAULTS}. grpc-java has no getters for
 * them, so the builder's fields are read (names of grpc-netty-shaded 1.85: a renamed field fails here,
 * naming it). StalledConnectionsTest shows what the limits do on a real server.
 */
class ServeListenerTest {
    @Test
    void serveListensWithTheDefaultConnectionLimits() throws Exception {
        NettyServerBuilder b = ServeCommand.listener("127.0.0.1", 0, InsecureServerCredentials.create());
        ConnectionLimits d = ConnectionLimits.DEFAULTS;
        assertEquals(d.keepAlive().toNanos(), field(b, "keepAliveTimeInNanos"));
        assertEquals(d.keepAliveTimeout().toNanos(), field(b, "keepAliveTimeoutInNanos"));
        assertEquals(d.idle().toNanos(), field(b, "maxConnectionIdleInNanos"));
        assertEquals(d.handshake().toMillis(), field(field(b, "serverImplBuilder"), "handshakeTimeoutMillis"));
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // a superclass may hold it
            }
        }
        throw new NoSuchFieldException(o.getClass().getName() + "." + name);
    }
}
