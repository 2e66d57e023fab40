package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** serve's defaults: loopback without authentication (and a warning otherwise), a bounded heap from the launcher. */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class ServeDefaultsTest {
    @Test
    void withoutAuthenticationTheDefaultIsLoopback() {
        assertEquals("127.0.0.1", BindAddress.choose(null, false));
        assertEquals("127.0.0.1", BindAddress.choose(" ", false));
        assertEquals("0.0.0.0", BindAddress.choose(null, true));
        assertEquals("10.1.2.3", BindAddress.choose(" 10.1.2.3 ", false), "--host says otherwise");
        assertEquals("0.0.0.0", BindAddress.choose("0.0.0.0", false));
    }

    @Test
    void serveWithoutHostOrAuthListensOnLoopbackOnly() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        java.nio.file.Path err = java.nio.file.Files.createTempFile("serve", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/dbt-state-oss").toString(), "serve", "--store", "memory",
                "--port", "0").redirectError(err.toFile());
        pb.environment().remove("DBTSTATE_HOST");
        pb.environment().put("DBTSTATE_PINNED_JBANG", "1");
        Process p = pb.start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertTrue(line != null && line.contains("serving on 127.0.0.1:"), line + "\n" + java.nio.file.Files.readString(err));
            assertTrue(!java.nio.file.Files.readString(err).contains("without authentication"), java.nio.file.Files.readString(err));
            // the JVM the launcher started has a bounded heap
            List<String> jvms = java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()), p.toHandle().descendants())
                    .map(h -> commandLine(h.pid())).filter(a -> a.contains("DbtStateOss")).toList();
            assertTrue(jvms.stream().anyMatch(a -> a.contains("-Xmx1g")), jvms.toString());
        } finally {
            p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    private static String commandLine(long pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void anUnauthenticatedServerOthersCanReachIsWarnedAbout() {
        String w = BindAddress.warning("0.0.0.0", false, false, 50051).orElseThrow();
        assertTrue(w.contains("0.0.0.0:50051 in plaintext without authentication"), w);
        assertTrue(BindAddress.warning("0.0.0.0", false, true, 50051).orElseThrow().contains("over TLS without authentication"));
        assertTrue(BindAddress.warning("0.0.0.0", true, false, 50051).isEmpty());
        assertTrue(BindAddress.warning("127.0.0.1", false, false, 50051).isEmpty());
        assertTrue(BindAddress.warning("::1", false, false, 50051).isEmpty());
        assertTrue(BindAddress.warning("localhost", false, false, 50051).isEmpty());
    }

    @Test
    void aDashboardOthersCanReachWithoutTokenAuthIsWarnedAbout() {
        String w = BindAddress.dashboardWarning("0.0.0.0", false, 8080).orElseThrow();
        assertTrue(w.contains("http://0.0.0.0:8080/ without authentication") && w.contains("TLS reverse proxy"), w);
        assertTrue(BindAddress.dashboardWarning("0.0.0.0", true, 8080).isEmpty(), "token auth: a page asks for a token");
        assertTrue(BindAddress.dashboardWarning("127.0.0.1", false, 8080).isEmpty());
        assertTrue(BindAddress.dashboardWarning("localhost", false, 8080).isEmpty());
    }

    @Test
    void serveWarnsOnceAboutADashboardOnAnotherAddressWithClientCertificatesOnly() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", ".")).toAbsolutePath();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("serve-ui");
        dev.dbtstateoss.server.TestCerts.Issued ca = dev.dbtstateoss.server.TestCerts.ca(dir, "ca");
        dev.dbtstateoss.server.TestCerts.Issued server = dev.dbtstateoss.server.TestCerts.leaf(dir, "server", ca);
        java.nio.file.Path err = dir.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/dbt-state-oss").toString(), "serve", "--store", "memory",
                "--port", "0", "--host", "127.0.0.1", "--tls-cert", server.certFile().toString(), "--tls-key",
                server.keyFile().toString(), "--tls-client-ca", ca.certFile().toString(), "--ui-port", "0", "--ui-host", "0.0.0.0")
                .redirectError(err.toFile());
        pb.environment().put("DBTSTATE_PINNED_JBANG", "1");
        Process p = pb.start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            String log = java.nio.file.Files.readString(err);
            assertTrue(line != null && line.contains("serving on 127.0.0.1:"), line + "\n" + log);
            assertEquals(1, log.split("/ without authentication", -1).length - 1, "one dashboard warning:\n" + log);
            assertTrue(!log.contains("in plaintext without authentication"), "the gRPC port needs client certificates:\n" + log);
        } finally {
            p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
