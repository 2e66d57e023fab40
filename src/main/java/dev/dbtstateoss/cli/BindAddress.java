package dev.dbtstateoss.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which address {@code serve} binds: {@code --host} when given; otherwise every interface only when
 * callers must prove who they are (token auth or client certificates), else loopback alone.
 */
final class BindAddress {
    static final String LOOPBACK = "127.0.0.1";
    static final String EVERY_INTERFACE = "0.0.0.0";

    private BindAddress() {}

    static String choose(String host, boolean authenticated) {
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        return authenticated ? EVERY_INTERFACE : LOOPBACK;
    }

    /** The warning for an address others can reach while nobody is authenticated; empty when there is none to give. */
    static Optional<String> warning(String bound, boolean authenticated, boolean tls, int port) {
        if (authenticated || isLoopback(bound)) {
            return Optional.empty();
        }
        return Optional.of("serving " + bound + ":" + port + (tls ? " over TLS" : " in plaintext") + " without authentication:"
                + " anyone who can reach this port can read and write the decision history; bind to 127.0.0.1 (--host),"
                + " or require tokens (--auth-jwks-url or --auth-public-key) or client certificates (--tls-client-ca)");
    }

    /**
     * The warning for a dashboard others can reach without token auth (client certificates protect
     * only the gRPC port: the dashboard then has no authentication at all); empty when there is none.
     */
    static Optional<String> dashboardWarning(String bound, boolean tokenAuth, int port) {
        if (tokenAuth || isLoopback(bound)) {
            return Optional.empty();
        }
        return Optional.of("dashboard on http://" + bound + ":" + port + "/ without authentication: anyone who can reach"
                + " this port can read the decision history (client certificates protect only the gRPC port); keep"
                + " --ui-host 127.0.0.1, or put the dashboard behind a TLS reverse proxy that authenticates, or require tokens"
                + " (--auth-jwks-url or --auth-public-key)");
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
