package dev.dbtstateoss.server;

import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The interceptor chain {@code serve} runs, built in this one place (tests of auth use it too). The last
 * interceptor runs first: metrics see every call (refusals too), then the call's decision budget, then the
 * token check, then capture.
 *
 * @param capture records each call, when {@code --capture} is given
 * @param tokens the token rules, when token auth is on
 * @param refusals receives a line per refused call
 * @param storeTimeout bounds each call's store calls (the decision budget)
 * @param outermost run before all others (metrics), in this order
 */
public record ServeInterceptors(Optional<ServerInterceptor> capture, Optional<TokenCheck> tokens, Consumer<String> refusals,
        Duration storeTimeout, List<ServerInterceptor> outermost) {

    public ServeInterceptors {
        outermost = List.copyOf(outermost);
    }

    /** The chain in the order {@link DecisionServer} takes it. */
    public List<ServerInterceptor> chain() {
        List<ServerInterceptor> interceptors = new ArrayList<>();
        capture.ifPresent(interceptors::add);
        tokens.ifPresent(t -> interceptors.addAll(AuthInterceptor.chain(t, refusals)));
        interceptors.add(CallDeadline.decisionBudget(storeTimeout));
        interceptors.addAll(outermost);
        return List.copyOf(interceptors);
    }
}
