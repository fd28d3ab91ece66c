package dev.provably.nautilus.enclave.parent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The enclave's credentials provider against a scripted parent: caching, refresh, and a hostile parent. */
class ParentCredentialsProviderTest {
    private static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    private HttpServer parent;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicReference<Reply> reply = new AtomicReference<>();
    private final MutableClock clock = new MutableClock();

    private record Reply(int status, byte[] body, long delayMillis) {}

    private static final class MutableClock extends Clock {
        private Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    @BeforeEach
    void start() throws IOException {
        parent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        parent.createContext(ParentCredentialsProvider.PATH, exchange -> {
            served.incrementAndGet();
            Reply current = reply.get();
            try {
                Thread.sleep(current.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(current.status(), current.body().length);
            exchange.getResponseBody().write(current.body());
            exchange.close();
        });
        parent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        parent.start();
    }

    @AfterEach
    void stop() {
        parent.stop(0);
    }

    private ParentCredentialsProvider provider(Duration deadline) {
        return new ParentCredentialsProvider(
                ParentEndpoint.of(
                        URI.create("http://127.0.0.1:" + parent.getAddress().getPort()), deadline),
                clock);
    }

    private static Reply credentials(String keyId, Instant expiration) {
        String json = "{\"AccessKeyId\":\"" + keyId + "\",\"SecretAccessKey\":\"secret-access-key-0000\","
                + "\"Token\":\"session-token-000000000\",\"Expiration\":\"" + expiration + "\"}";
        return new Reply(200, json.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static String failure(ParentCredentialsProvider provider) {
        SdkClientException e = assertThrows(SdkClientException.class, provider::resolveCredentials);
        assertInstanceOf(ParentEndpointException.class, e.getCause());
        return e.getMessage();
    }

    @Test
    @DisplayName("credentials are cached until five minutes before they expire, then fetched again")
    void cachesUntilShortlyBeforeExpiry() {
        reply.set(credentials("ASIAFIRST00000000001", NOW.plus(Duration.ofHours(1))));
        ParentCredentialsProvider provider = provider(Duration.ofSeconds(5));
        AwsCredentials first = provider.resolveCredentials();
        assertEquals("ASIAFIRST00000000001", first.accessKeyId());
        clock.advance(Duration.ofMinutes(54));
        assertSame(first, provider.resolveCredentials());
        assertEquals(1, served.get());

        reply.set(credentials("ASIASECOND0000000002", NOW.plus(Duration.ofHours(2))));
        clock.advance(Duration.ofMinutes(2));
        assertEquals("ASIASECOND0000000002", provider.resolveCredentials().accessKeyId());
        assertEquals(2, served.get());
    }

    @Test
    @DisplayName("while the parent is down, cached credentials with a minute left are used; after that the call fails")
    void survivesABriefOutage() {
        reply.set(credentials("ASIAFIRST00000000001", NOW.plus(Duration.ofHours(1))));
        ParentCredentialsProvider provider = provider(Duration.ofSeconds(5));
        AwsCredentials first = provider.resolveCredentials();
        reply.set(new Reply(503, "{}".getBytes(StandardCharsets.UTF_8), 0));
        clock.advance(Duration.ofMinutes(57));
        assertSame(first, provider.resolveCredentials());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(failure(provider).contains("HTTP 503"));
    }

    @Test
    @DisplayName("expired or nearly expired credentials from the parent are refused")
    void refusesStaleCredentials() {
        reply.set(credentials("ASIAFIRST00000000001", NOW.plusSeconds(30)));
        assertTrue(failure(provider(Duration.ofSeconds(5))).contains("less than PT1M from now"));
    }

    @Test
    @DisplayName("malformed documents are refused with the reason: extra members, wrong types, bad key id, bad date")
    void refusesMalformedDocuments() {
        String[] bad = {
            "not json",
            "[]",
            "{\"AccessKeyId\":\"ASIAFIRST00000000001\"}",
            "{\"AccessKeyId\":\"ASIAFIRST00000000001\",\"SecretAccessKey\":\"secret-access-key-0000\","
                    + "\"Token\":\"session-token-000000000\",\"Expiration\":\"2026-12-03T12:00:00Z\",\"Extra\":1}",
            "{\"AccessKeyId\":\"asia-lowercase-00001\",\"SecretAccessKey\":\"secret-access-key-0000\","
                    + "\"Token\":\"session-token-000000000\",\"Expiration\":\"2026-12-03T12:00:00Z\"}",
            "{\"AccessKeyId\":\"ASIAFIRST00000000001\",\"SecretAccessKey\":7,"
                    + "\"Token\":\"session-token-000000000\",\"Expiration\":\"2026-12-03T12:00:00Z\"}",
            "{\"AccessKeyId\":\"ASIAFIRST00000000001\",\"SecretAccessKey\":\"secret-access-key-0000\","
                    + "\"Token\":\"session-token-000000000\",\"Expiration\":\"tomorrow at noon please\"}",
        };
        for (String body : bad) {
            reply.set(new Reply(200, body.getBytes(StandardCharsets.UTF_8), 0));
            String message = failure(provider(Duration.ofSeconds(5)));
            assertTrue(message.contains("the credentials document"), body + " -> " + message);
        }
    }

    @Test
    @DisplayName("a huge answer is cut off at the bound, and a stalling parent at the deadline")
    void boundsAHostileParent() {
        reply.set(new Reply(200, new byte[4 * 1024 * 1024], 0));
        assertTrue(failure(provider(Duration.ofSeconds(5))).contains("larger than " + CredentialsJson.MAX_BYTES));

        reply.set(new Reply(
                200,
                credentials("ASIAFIRST00000000001", NOW.plus(Duration.ofHours(1)))
                        .body(),
                3_000));
        long started = System.nanoTime();
        assertTrue(failure(provider(Duration.ofMillis(300))).contains("took longer than"));
        assertTrue(
                System.nanoTime() - started < 2_000_000_000L, "gave up at the deadline, not when the parent answered");
    }

    @Test
    @DisplayName("the parent endpoint must be an http URL on a loopback IP literal: the in-enclave end of the bridge")
    void onlyLoopback() {
        for (String url : new String[] {
            "https://127.0.0.1:8001",
            "http://localhost:8001",
            "http://10.0.0.1:8001",
            "http://127.0.0.1",
            "http://127.0.0.1:8001/v1",
            "http://u@127.0.0.1:8001",
            "http://127.0.0.1:8001?x"
        }) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ParentEndpoint.of(URI.create(url), Duration.ofSeconds(1)),
                    url);
        }
        assertEquals(
                URI.create("http://127.0.0.1:8001"),
                ParentEndpoint.of(URI.create("http://127.0.0.1:8001/"), Duration.ofSeconds(1))
                        .base());
        assertEquals(
                URI.create("http://[::1]:8001"),
                ParentEndpoint.of(URI.create("http://[::1]:8001"), Duration.ofSeconds(1))
                        .base());
    }
}
