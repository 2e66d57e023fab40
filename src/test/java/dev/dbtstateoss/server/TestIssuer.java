package dev.dbtstateoss.server;

import com.google.gson.JsonObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny OIDC issuer for tests (JDK HTTP server on a free loopback port): {@code /jwks} with its RSA
 * key, {@code /token} answering the client-credentials grant (client id and secret by HTTP Basic or
 * form) with what the dbt-state client reads (id_token with a scope claim, token_type, expires_in),
 * and {@code /api/orgs/<org>} answered 404 (the client then goes without org details).
 */
public final class TestIssuer implements AutoCloseable {
    /** A registered client and the scope claim its tokens carry. */
    public record Client(String id, String secret, String scope) {}

    private final HttpServer http;
    private final RSAKey key;
    private final Map<String, Client> clients = new HashMap<>();
    public final AtomicInteger tokensIssued = new AtomicInteger();

    public TestIssuer(List<Client> registered) throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
        registered.forEach(c -> clients.put(c.id(), c));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/jwks", ex -> send(ex, 200, new JWKSet(key.toPublicJWK()).toString()));
        http.createContext("/token", this::token);
        http.createContext("/api/", ex -> send(ex, 404, "{\"detail\": \"not found\"}"));
        http.start();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public String issuer() {
        return url();
    }

    public String jwksUrl() {
        return url() + "/jwks";
    }

    public String tokenUrl() {
        return url() + "/token";
    }

    /** The public key of this issuer as a PEM "PUBLIC KEY" block. */
    public String publicKeyPem() throws Exception {
        return TestCerts.pem("PUBLIC KEY", key.toRSAPublicKey().getEncoded());
    }

    /** A token signed by this issuer's key with the given claims (null leaves a claim out). */
    public String sign(String iss, String aud, String subject, String scope, Instant expires) throws Exception {
        return sign(key, iss, aud, subject, scope, expires);
    }

    /** The same, signed by another key (a forged token). */
    public static String sign(RSAKey with, String iss, String aud, String subject, String scope, Instant expires)
            throws Exception {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer(iss).subject(subject).issueTime(new Date());
        if (aud != null) {
            c.audience(aud);
        }
        if (scope != null) {
            c.claim("scope", scope);
        }
        if (expires != null) {
            c.expirationTime(Date.from(expires));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                .type(JOSEObjectType.JWT).build(), c.build());
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        Client client = id == null ? null : clients.get(id);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(ex, 400, "{\"error\": \"unsupported_grant_type\"}");
            return;
        }
        if (client == null || !client.secret().equals(secret)) {
            send(ex, 401, "{\"error\": \"invalid_client\"}");
            return;
        }
        JsonObject answer = new JsonObject();
        try {
            String idToken = sign(issuer(), client.id(), client.id(), client.scope(), Instant.now().plusSeconds(3600));
            answer.addProperty("access_token", idToken);
            answer.addProperty("id_token", idToken);
        } catch (Exception e) {
            send(ex, 500, "{\"error\": \"server_error\"}");
            return;
        }
        answer.addProperty("token_type", "Bearer");
        answer.addProperty("expires_in", 3600);
        answer.addProperty("scope", client.scope());
        tokensIssued.incrementAndGet();
        send(ex, 200, answer.toString());
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
