package dev.dbtstateoss.dashboard;

import com.sun.net.httpserver.HttpExchange;
import dev.dbtstateoss.server.TokenCheck;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see what. Without token auth, the whole store (as {@code serve} answers from its root).
 * With it, the same {@link TokenCheck} as the gRPC calls: a Bearer token (the {@code authorization}
 * header, or the cookie the sign-in form sets) and an organization (the {@code x-organization-id}
 * header, or the cookie) that the token's scope grants; the pages then show only that
 * organization's part of the store ({@code orgs/<org>/}).
 */
final class Access {
    static final String TOKEN_COOKIE = "dbtstate_token";
    static final String ORG_COOKIE = "dbtstate_org";

    /** What a request may see: the organization (null without token auth) and its part of the store. */
    record Viewer(String org, StateStore store) {}

    /** Either a viewer, or why the request is refused. */
    record Outcome(Viewer viewer, String refusal) {}

    private final StateStore store;
    private final Optional<TokenCheck> tokens;

    Access(StateStore store, Optional<TokenCheck> tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    boolean authenticated() {
        return tokens.isPresent();
    }

    Outcome of(HttpExchange ex) {
        if (tokens.isEmpty()) {
            return new Outcome(new Viewer(null, store), null);
        }
        Map<String, String> cookies = cookies(ex);
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization == null && cookies.containsKey(TOKEN_COOKIE)) {
            authorization = "Bearer " + cookies.get(TOKEN_COOKIE);
        }
        String org = ex.getRequestHeaders().getFirst("x-organization-id");
        if (org == null) {
            org = cookies.get(ORG_COOKIE);
        }
        return check(authorization, org);
    }

    /** The token rules of the gRPC calls, for a token and organization. */
    Outcome check(String authorization, String org) {
        if (authorization == null) {
            return new Outcome(null, "sign in with a token");
        }
        TokenCheck.Verdict v = tokens.orElseThrow().check(authorization, org);
        if (v instanceof TokenCheck.Allowed allowed) {
            try {
                return new Outcome(new Viewer(allowed.org(), PrefixedStore.forOrg(store, allowed.org())), null);
            } catch (IllegalArgumentException e) {
                return new Outcome(null, "organization: " + e.getMessage());
            }
        }
        String reason = v instanceof TokenCheck.Denied d ? d.reason() : v instanceof TokenCheck.Unavailable u ? u.reason()
                : ((TokenCheck.Unauthenticated) v).reason();
        return new Outcome(null, reason);
    }

    static Map<String, String> cookies(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        List<String> headers = ex.getRequestHeaders().get("Cookie");
        if (headers != null) {
            for (String h : headers) {
                for (String part : h.split(";")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        out.put(part.substring(0, eq).trim(), URLDecoder.decode(part.substring(eq + 1).trim(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    /** The sign-in form (shown only with token auth). */
    static String loginPage(String reason) {
        return Html.page("Sign in", null, "<p>This server checks tokens: sign in with a token and the organization it"
                + " grants (the same token and <code>x-organization-id</code> the dbt-state client sends).</p>"
                + (reason == null ? "" : "<p class=FAIL>" + Html.esc(reason) + "</p>")
                + "<form method=post action='/login'><p><label>Organization<br><input name=org size=40></label></p>"
                + "<p><label>Token<br><textarea name=token rows=6 cols=80></textarea></label></p>"
                + "<p><button type=submit>Sign in</button></p></form>");
    }
}
