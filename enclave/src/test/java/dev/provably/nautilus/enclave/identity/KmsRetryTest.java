package dev.provably.nautilus.enclave.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** Throttling and timeouts: the client retries a bounded number of times with backoff, then fails clearly. */
class KmsRetryTest {
    /** KMS's answer to a Recipient whose PCRs the key policy does not admit: not retried. */
    private static final String DENIED =
            "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized\"}";

    private static final String THROTTLED = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";

    private static final RecipientKey RECIPIENT;

    static {
        try {
            RECIPIENT = RecipientKey.generate(new java.security.SecureRandom());
        } catch (IdentityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A fake KMS that throttles the first {@code throttled} requests, then answers after {@code delay}. */
    private URI fakeKms(int throttled, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            boolean throttle = n <= throttled;
            if (!throttle) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = (throttle ? THROTTLED : DENIED).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            try {
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException e) {
                // the client gave up (timeout test)
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static KmsSealer sealer(URI endpoint, int attempts, Duration attemptTimeout, Duration callTimeout) {
        KmsClient client = KmsClients.create(new KmsClients.Settings(
                Region.US_EAST_1,
                Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
                attempts,
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                attemptTimeout,
                callTimeout));
        return new KmsSealer(client, "alias/k");
    }

    private static byte[] unseal(KmsSealer sealer) throws IdentityException {
        return sealer.unseal(new byte[] {1}, "r", new byte[] {2}, RECIPIENT);
    }

    @Test
    @DisplayName("throttling is retried with backoff until KMS answers; a denial is final and not retried")
    void throttlingIsRetried() throws Exception {
        KmsSealer sealer = sealer(fakeKms(2, Duration.ZERO), 4, Duration.ofSeconds(5), Duration.ofSeconds(20));
        IdentityException e = assertThrows(IdentityException.class, () -> unseal(sealer));
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
        assertEquals(3, requests.get());
    }

    @Test
    @DisplayName("persistent throttling stops after exactly maxAttempts and names ThrottlingException")
    void throttlingIsBounded() throws Exception {
        KmsSealer sealer = sealer(fakeKms(100, Duration.ZERO), 3, Duration.ofSeconds(5), Duration.ofSeconds(20));
        IdentityException e = assertThrows(IdentityException.class, () -> unseal(sealer));
        assertTrue(e.getMessage().contains("ThrottlingException"), e.getMessage());
        assertEquals(3, requests.get());
    }

    @Test
    @DisplayName("a KMS that does not answer hits the call deadline instead of hanging")
    void timeoutsAreBounded() throws Exception {
        KmsSealer sealer = sealer(fakeKms(0, Duration.ofSeconds(10)), 3, Duration.ofMillis(300), Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThrows(IdentityException.class, () -> unseal(sealer));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertTrue(requests.get() >= 1 && requests.get() <= 3, requests.get() + " requests");
    }
}
