package dev.dbtstateoss.server;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The token rules, without gRPC: a signed JWT (RS/PS/ES algorithms) from the configured issuer,
 * for the configured audience, not expired (with {@code skewSeconds} of tolerance), whose
 * {@code scope} claim grants the organization the client names (see {@link OrgScope}).
 */
public final class TokenCheck {
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    /** The outcome of one check; a refusal's reason never contains the token. */
    public sealed interface Verdict permits Allowed, Unauthenticated, Denied, Unavailable {}

    /** The token is good and grants {@code org}. */
    public record Allowed(String org, String subject) implements Verdict {}

    /** No usable token: missing, garbled, badly signed, expired, wrong issuer or audience. */
    public record Unauthenticated(String reason) implements Verdict {}

    /**
     * The token could not be checked now: the issuer's key set cannot be fetched (a passing outage,
     * so the client should retry, not drop its credentials).
     */
    public record Unavailable(String reason) implements Verdict {}

    /** A good token that does not grant the organization asked for (or none was named). */
    public record Denied(String reason, String subject) implements Verdict {}

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenCheck(JWSKeySelector<SecurityContext> keys, String issuer, String audience, int skewSeconds) {
        processor.setJWSKeySelector(keys);
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null,
                new JOSEObjectType("at+jwt")));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "iss", "aud"), null);
        claims.setMaxClockSkew(skewSeconds);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Keys from a JWKS endpoint, fetched when first needed, cached and refreshed (for key rotation);
     * while the endpoint is down the keys fetched before stay in use for a while (outage tolerance).
     */
    public static JWSKeySelector<SecurityContext> remoteKeys(URL jwks) {
        Set<JWSAlgorithm> all = new java.util.HashSet<>(RSA);
        all.addAll(EC);
        return new JWSVerificationKeySelector<>(all,
                JWKSourceBuilder.<SecurityContext>create(jwks, new DefaultResourceRetriever(3000, 3000, 1 << 20))
                        .outageTolerant(true).build());
    }

    /** One fixed RSA or EC public key, whatever key id the token names. */
    public static JWSKeySelector<SecurityContext> fixedKey(PublicKey key) {
        Set<JWSAlgorithm> algs = key instanceof RSAPublicKey ? RSA : key instanceof ECPublicKey ? EC : Set.of();
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm() + " (use RSA or EC)");
        }
        List<Key> one = List.of(key);
        return (header, context) -> algs.contains(header.getAlgorithm()) ? one : List.of();
    }

    /** Checks the {@code authorization} header value and the organization the client names. */
    public Verdict check(String authorization, String org) {
        if (authorization == null || authorization.isBlank()) {
            return new Unauthenticated("no authorization header");
        }
        String value = authorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return new Unauthenticated("authorization is not a Bearer token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(value.substring("bearer ".length()).trim(), null);
        } catch (java.text.ParseException e) {
            return new Unauthenticated("garbled token (not a signed JWT)");
        } catch (com.nimbusds.jose.KeySourceException e) {
            return new Unavailable("the issuer's keys cannot be fetched: " + e.getMessage());
        } catch (BadJOSEException e) {
            return new Unauthenticated("token refused: " + e.getMessage());
        } catch (com.nimbusds.jose.JOSEException e) {
            return new Unauthenticated("token not verifiable: " + e.getMessage());
        } catch (RuntimeException e) {
            return new Unauthenticated("token not verifiable: " + e.getClass().getSimpleName());
        }
        String subject = claims.getSubject();
        Object scopeClaim = claims.getClaim("scope");
        OrgScope scope = OrgScope.parse(scopeClaim instanceof String s ? s : null);
        String refusal = scope.refusal(org);
        return refusal == null ? new Allowed(org, subject) : new Denied(refusal, subject);
    }
}
