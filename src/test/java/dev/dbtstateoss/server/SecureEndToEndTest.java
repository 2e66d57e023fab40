package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/e2e in secure mode: real dbt and the real dbt-state client with RUN_CACHE_API_SECURE=true
 * get a token from a test OIDC issuer (client credentials) and talk TLS, with a throwaway CA, to
 * our server checking the token; a second build must be all NO-OPs, kept under the organization.
 */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class SecureEndToEndTest {
    @TempDir Path dir;

    @Test
    void realDbtOverTlsWithATokenFromAnOidcIssuer() throws Exception {
        TestCerts.Issued ca = TestCerts.ca(dir, "ca");
        TestCerts.Issued server = TestCerts.leaf(dir, "server", ca);
        String clientId = "e2e-client";
        try (TestIssuer issuer = new TestIssuer(List.of(
                new TestIssuer.Client(clientId, "e2e-secret", "runcache:scope:org:acme-01:developer")))) {
            Path root = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/e2e").toString())
                    .directory(root.toFile()).redirectErrorStream(true);
            pb.environment().put("E2E_STORE", "local");
            pb.environment().put("E2E_SECURE_SERVER_ARGS", String.join(" ", "--tls-cert", server.certFile().toString(),
                    "--tls-key", server.keyFile().toString(), "--auth-jwks-url", issuer.jwksUrl(),
                    "--auth-issuer", issuer.issuer(), "--auth-audience", clientId));
            pb.environment().put("E2E_SECURE_CLIENT_ENV", String.join(" ",
                    "RUN_CACHE_CA_BUNDLE=" + ca.certFile(),
                    "RUN_CACHE_TOKEN_URL=" + issuer.tokenUrl(),
                    "RUN_CACHE_AUTH_URL=" + issuer.url(),
                    "RUN_CACHE_OAUTH_CLIENT_ID=" + clientId,
                    "RUN_CACHE_OAUTH_CLIENT_SECRET=e2e-secret",
                    "RUN_CACHE_ORG_ID=acme-01"));
            Process p = pb.start();
            StringBuilder tail = new StringBuilder();
            String last = "";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    System.out.println("  e2e secure| " + line);
                    tail.append(line).append('\n');
                    if (tail.length() > 20_000) {
                        tail.delete(0, tail.length() - 20_000);
                    }
                    if (!line.isBlank()) {
                        last = line;
                    }
                }
            }
            assertTrue(p.waitFor(20, TimeUnit.MINUTES), "scripts/e2e did not finish");
            assertEquals(0, p.exitValue(), "scripts/e2e (secure) failed:\n" + tail);
            assertTrue(last.matches("e2e: [1-9][0-9]* passed, 0 failed"), last);
            assertTrue(issuer.tokensIssued.get() > 0, "the client never asked the issuer for a token");
        }
    }
}
