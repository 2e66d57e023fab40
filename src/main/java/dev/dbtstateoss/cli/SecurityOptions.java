package dev.dbtstateoss.cli;

import com.nimbusds.jose.jwk.JWKSet;
import dev.dbtstateoss.server.TokenCheck;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code serve}'s TLS and token options: the server's credentials and its token rules. */
public final class SecurityOptions {
    /** Tolerance for the clocks of the token issuer and this server (exp, nbf, iat). */
    static final int CLOCK_SKEW_SECONDS = 60;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:DBTSTATE_TLS_CERT}",
            description = "Serve TLS with this PEM certificate chain (server certificate first) (env DBTSTATE_TLS_CERT)."
                    + " Needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:DBTSTATE_TLS_KEY}",
            description = "The PEM private key of --tls-cert, unencrypted PKCS#8 (BEGIN PRIVATE KEY), RSA or EC"
                    + " (env DBTSTATE_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-client-ca", paramLabel = "FILE", defaultValue = "${env:DBTSTATE_TLS_CLIENT_CA}",
            description = "Require client certificates signed by a CA of this PEM file (mutual TLS; env DBTSTATE_TLS_CLIENT_CA)."
                    + " Needs --tls-cert.")
    Path tlsClientCa;

    @Option(names = "--auth-jwks-url", paramLabel = "URL", defaultValue = "${env:DBTSTATE_AUTH_JWKS_URL}",
            description = "Require a Bearer JWT on every call (health and reflection excepted), signed by a key of"
                    + " this JWKS (fetched, cached and refreshed) (env DBTSTATE_AUTH_JWKS_URL). Needs --auth-issuer and"
                    + " --auth-audience; each organization then gets its own history (see docs/security.md).")
    String jwksUrl;

    @Option(names = "--auth-public-key", paramLabel = "FILE", defaultValue = "${env:DBTSTATE_AUTH_PUBLIC_KEY}",
            description = "As --auth-jwks-url, with one fixed RSA or EC public key (PEM public key or certificate)"
                    + " (env DBTSTATE_AUTH_PUBLIC_KEY).")
    Path publicKey;

    @Option(names = "--auth-issuer", paramLabel = "ISS", defaultValue = "${env:DBTSTATE_AUTH_ISSUER}",
            description = "The token's iss must be exactly this (env DBTSTATE_AUTH_ISSUER).")
    String issuer;

    @Option(names = "--auth-audience", paramLabel = "AUD", defaultValue = "${env:DBTSTATE_AUTH_AUDIENCE}",
            description = "The token's aud must contain this, usually the OAuth client id (env DBTSTATE_AUTH_AUDIENCE).")
    String audience;

    /** TLS credentials when --tls-cert is given (checked now: readable, parseable, key matching), else plaintext. */
    public ServerCredentials credentials() {
        if (tlsCert == null && tlsKey == null) {
            if (tlsClientCa != null) {
                throw new ExitCodes.UserInputException("--tls-client-ca " + tlsClientCa + ": needs --tls-cert and --tls-key");
            }
            return InsecureServerCredentials.create();
        }
        if (tlsCert == null || tlsKey == null) {
            throw new ExitCodes.UserInputException(tlsCert == null ? "--tls-key " + tlsKey + ": needs --tls-cert"
                    : "--tls-cert " + tlsCert + ": needs --tls-key");
        }
        X509Certificate leaf = PemFiles.certificates("--tls-cert", tlsCert).get(0);
        PrivateKey key = PemFiles.privateKey("--tls-key", tlsKey);
        if (!PemFiles.matches(key, leaf)) {
            throw PemFiles.bad("--tls-key", tlsKey, "does not match the (first) certificate of --tls-cert " + tlsCert);
        }
        try {
            TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder().keyManager(tlsCert.toFile(), tlsKey.toFile());
            if (tlsClientCa != null) {
                PemFiles.certificates("--tls-client-ca", tlsClientCa);
                b.trustManager(tlsClientCa.toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (IOException e) {
            throw new ExitCodes.UserInputException("--tls-cert/--tls-key/--tls-client-ca: cannot read (" + e.getMessage() + ")");
        }
    }

    /** The token rules when --auth-jwks-url or --auth-public-key is given (keys checked now), else empty. */
    public Optional<TokenCheck> tokenCheck() {
        if (jwksUrl == null && publicKey == null) {
            if (issuer != null || audience != null) {
                throw new ExitCodes.UserInputException((issuer != null ? "--auth-issuer" : "--auth-audience")
                        + ": needs --auth-jwks-url or --auth-public-key (the keys that sign the tokens)");
            }
            return Optional.empty();
        }
        if (jwksUrl != null && publicKey != null) {
            throw new ExitCodes.UserInputException("--auth-jwks-url and --auth-public-key: give only one");
        }
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new ExitCodes.UserInputException((issuer == null || issuer.isBlank() ? "--auth-issuer" : "--auth-audience")
                    + ": required with token authentication (the token's iss / aud must match it)");
        }
        if (publicKey != null) {
            try {
                return Optional.of(new TokenCheck(TokenCheck.fixedKey(PemFiles.publicKey("--auth-public-key", publicKey)),
                        issuer, audience, CLOCK_SKEW_SECONDS));
            } catch (IllegalArgumentException e) {
                throw PemFiles.bad("--auth-public-key", publicKey, e.getMessage());
            }
        }
        URL url;
        try {
            url = URI.create(jwksUrl).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ExitCodes.UserInputException("--auth-jwks-url " + jwksUrl + ": not a URL (" + e.getMessage() + ")");
        }
        try {
            if (JWKSet.load(url, 5000, 5000, 1 << 20).getKeys().isEmpty()) {
                throw new IllegalStateException("--auth-jwks-url " + jwksUrl + ": the key set is empty");
            }
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("--auth-jwks-url " + jwksUrl + ": cannot fetch a key set ("
                    + e.getMessage() + "); check the URL and that the issuer is reachable");
        }
        return Optional.of(new TokenCheck(TokenCheck.remoteKeys(url), issuer, audience, CLOCK_SKEW_SECONDS));
    }

    /** For the startup line. */
    String describe(boolean auth) {
        String tls = tlsCert == null ? (auth ? "plaintext (tokens readable on the network unless TLS ends in front)"
                : "plaintext") : tlsClientCa == null ? "TLS" : "TLS with client certificates";
        return tls + ", " + (auth ? "token auth (iss " + issuer + ", aud " + audience + "), one history per organization"
                : "no authentication");
    }
}
