package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Throttling and 5xx answers are retried with backoff, within the budget, and then reported. */
class CloudRetryTest {

    @Test
    void transientFailuresAreRetriedUntilOneSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String got = new RetryingCall(Duration.ofSeconds(5)).run("test call", again -> {
            if (calls.incrementAndGet() < 4) {
                throw new RetryingCall.Transient("busy", null);
            }
            return again ? "after retries" : "first time";
        });
        assertEquals("after retries", got);
        assertEquals(4, calls.get());
    }

    @Test
    void aSpentBudgetEndsAsAStoreErrorNamingTheCall() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        StateStore.StoreException e = assertThrows(StateStore.StoreException.class,
                () -> new RetryingCall(Duration.ofMillis(600)).run("reading s3://b/k", again -> {
                    calls.incrementAndGet();
                    throw new RetryingCall.Transient("S3 answered 503 SlowDown", null);
                }));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().startsWith("reading s3://b/k failed (") && e.getMessage().contains("503 SlowDown"), e.getMessage());
        assertTrue(calls.get() >= 3 && calls.get() < 20, calls.get() + " attempts");
        assertTrue(ms >= 500 && ms < 3000, "took " + ms + " ms");
    }

    /** A real HTTP server on loopback that answers every request as a throttled service would. */
    @Test
    void s3SlowDownAndAzureServerBusyAreRetriedThenReported() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            boolean azure = exchange.getRequestURI().getPath().startsWith("/devstoreaccount1");
            String body = azure
                    ? "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>ServerBusy</Code><Message>busy</Message></Error>"
                    : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            if (azure) {
                exchange.getResponseHeaders().add("x-ms-error-code", "ServerBusy");
            }
            exchange.sendResponseHeaders(503, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
            if (!"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            // Each SDK's first client loads its classes (over 2 s on a loaded 2-core machine): once, untimed.
            for (Runnable warmUp : List.<Runnable>of(() -> new S3Settings("bucket", "state", URI.create(endpoint), true, "us-east-1",
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), Duration.ofSeconds(30),
                    Duration.ZERO).open(), () -> new AzureSettings("devstoreaccount1", "container", "state", null, "a2V5",
                    endpoint + "/devstoreaccount1", Duration.ofSeconds(30), Duration.ZERO).open())) {
                assertThrows(StateStore.StoreException.class, warmUp::run);
            }
            requests.set(0);
            StateStore.StoreException e = assertThrows(StateStore.StoreException.class, () -> new S3Settings("bucket", "state",
                    URI.create(endpoint), true, "us-east-1", StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                    Duration.ofSeconds(2), Duration.ofSeconds(2)).open());
            assertTrue(e.getMessage().contains("503") && e.getMessage().contains("attempts"), e.getMessage());
            int s3Requests = requests.getAndSet(0);
            assertTrue(s3Requests >= 3, s3Requests + " requests");
            e = assertThrows(StateStore.StoreException.class, () -> new AzureSettings("devstoreaccount1", "container", "state", null,
                    "a2V5", endpoint + "/devstoreaccount1", Duration.ofSeconds(2), Duration.ofSeconds(2)).open());
            assertTrue(e.getMessage().contains("503") && e.getMessage().contains("attempts"), e.getMessage());
            assertTrue(requests.get() >= 3, requests.get() + " requests");
        } finally {
            server.stop(0);
        }
    }
}
