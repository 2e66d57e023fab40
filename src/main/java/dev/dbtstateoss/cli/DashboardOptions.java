package dev.dbtstateoss.cli;

import dev.dbtstateoss.dashboard.DashboardServer;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.store.StateStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/** {@code serve --ui-port}: the read-only web dashboard (see docs/dashboard.md). */
public final class DashboardOptions {
    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "${env:DBTSTATE_UI_PORT}",
            description = "Serve the web dashboard (overview, targets, recommendations, decisions) at http://HOST:PORT/"
                    + " (0 picks a free port, logged at start). Off by default (env DBTSTATE_UI_PORT).")
    Integer uiPort;

    @Option(names = "--ui-host", paramLabel = "HOST", defaultValue = "${env:DBTSTATE_UI_HOST:-127.0.0.1}",
            description = "Address the dashboard binds. Default: ${DEFAULT-VALUE} (env DBTSTATE_UI_HOST). It serves plain"
                    + " HTTP (no TLS): with token auth, a page asks for a token and shows only the organization it grants;"
                    + " without token auth it has no authentication (client certificates protect only the gRPC port) and"
                    + " serve warns about another address. Keep loopback or put it behind a TLS reverse proxy.")
    String uiHost;

    @Option(names = "--ui-price", paramLabel = "USD", defaultValue = "0.094",
            description = "The hosted service's price per daily active target table the dashboard compares with."
                    + " Default: ${DEFAULT-VALUE}.")
    double uiPrice;

    /**
     * Starts the dashboard when --ui-port is given (checked first); it stops with the process. A port
     * that cannot be bound fails the command (exit 3).
     */
    Optional<DashboardServer> start(StateStore store, Optional<TokenCheck> tokens, Logger log) {
        if (uiPort == null) {
            return Optional.empty();
        }
        if (uiPort < 0 || uiPort > 65535) {
            throw new ExitCodes.UserInputException("--ui-port " + uiPort + ": must be between 0 and 65535");
        }
        if (uiPrice < 0 || Double.isNaN(uiPrice)) {
            throw new ExitCodes.UserInputException("--ui-price " + uiPrice + ": give a price of zero or more");
        }
        try {
            DashboardServer d = DashboardServer.start(uiHost, uiPort, store, tokens, uiPrice, Clock.systemUTC(), log::warning);
            log.info("dashboard on http://" + uiHost + ":" + d.port() + "/");
            BindAddress.dashboardWarning(uiHost, tokens.isPresent(), d.port()).ifPresent(log::warning);
            return Optional.of(d);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("--ui-host " + uiHost + " --ui-port " + uiPort + ": cannot listen ("
                    + e.getMessage() + "); choose another --ui-port");
        }
    }
}
