package dev.dbtstateoss.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.util.TransmitStatusRuntimeExceptionInterceptor;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Token authentication: every call except health and reflection (load balancers probe those) needs
 * {@code authorization: Bearer <JWT>} accepted by {@link TokenCheck} for the organization in
 * {@code x-organization-id}. A bad token is refused with UNAUTHENTICATED, an organization the token
 * does not grant with PERMISSION_DENIED; each refusal is logged (reason, method, organization, never
 * the token). When the issuer's keys cannot be fetched the call is UNAVAILABLE (the client may
 * retry). An accepted call carries its organization in {@link #ORG}, which chooses its history.
 */
public final class AuthInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ORG_HEADER = Metadata.Key.of("x-organization-id", Metadata.ASCII_STRING_MARSHALLER);
    /** The organization of the current call (set only when the token grants it). */
    static final Context.Key<String> ORG = Context.key("dbt-state-oss-org");
    private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

    private final TokenCheck check;
    private final Consumer<String> refusals;

    /** {@code refusals} receives one line per refused call. */
    public AuthInterceptor(TokenCheck check, Consumer<String> refusals) {
        this.check = check;
        this.refusals = refusals;
    }

    /**
     * What a server with token auth adds to its interceptors (in DecisionServer's order, the last
     * runs first): this check, and under it the translation of a status thrown by an endpoint (an
     * organization whose history cannot be opened is UNAVAILABLE, not UNKNOWN).
     */
    public static List<ServerInterceptor> chain(TokenCheck check, Consumer<String> refusals) {
        return List.of(TransmitStatusRuntimeExceptionInterceptor.instance(), new AuthInterceptor(check, refusals));
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String org = headers.get(ORG_HEADER);
        TokenCheck.Verdict verdict = check.check(headers.get(AUTHORIZATION), org);
        if (verdict instanceof TokenCheck.Allowed allowed) {
            return Contexts.interceptCall(Context.current().withValue(ORG, allowed.org()), call, headers, next);
        }
        Status status;
        String line;
        if (verdict instanceof TokenCheck.Denied denied) {
            status = Status.PERMISSION_DENIED.withDescription(denied.reason());
            line = denied.reason() + " (subject " + printable(denied.subject()) + ")";
        } else if (verdict instanceof TokenCheck.Unavailable unavailable) {
            status = Status.UNAVAILABLE.withDescription(unavailable.reason());
            line = unavailable.reason();
        } else {
            String reason = ((TokenCheck.Unauthenticated) verdict).reason();
            status = Status.UNAUTHENTICATED.withDescription(reason);
            line = reason;
        }
        refusals.accept("refused " + call.getMethodDescriptor().getFullMethodName() + " org=" + printable(org) + " "
                + status.getCode() + ": " + line);
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /** A client-chosen value made safe for one log line. */
    private static String printable(String s) {
        if (s == null) {
            return "-";
        }
        String clipped = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return clipped.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
