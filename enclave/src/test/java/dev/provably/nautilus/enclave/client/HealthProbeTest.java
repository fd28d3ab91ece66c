package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("HealthProbe: /health as monitoring sees it")
class HealthProbeTest {

    @Test
    @DisplayName("a running local enclave and its host are healthy, each with its own status word")
    void healthy(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(dir)) {
            HealthProbe probe = new HealthProbe(stack.client, Duration.ofSeconds(3));
            HealthProbe.Health enclave = probe.check(URI.create(stack.enclaveUrl() + "/health"), "ok");
            assertTrue(enclave.healthy(), enclave.describe());
            assertNull(enclave.problem());
            assertEquals("HTTP 200, status ok, mode local", enclave.summary());
            assertEquals("local", enclave.body().get("mode").getAsString());
            HealthProbe.Health host = probe.check(stack.healthUrl(), "healthy");
            assertTrue(host.healthy(), host.describe());
            assertEquals(stack.healthUrl() + ": healthy (HTTP 200, status healthy, mode local)", host.describe());

            HealthProbe.Health wrongWord = probe.check(URI.create(stack.enclaveUrl() + "/health"), "healthy");
            assertFalse(wrongWord.healthy());
            assertEquals(HealthProbe.Problem.WRONG_STATUS, wrongWord.problem());
            assertTrue(wrongWord.summary().endsWith("expected status healthy"), wrongWord.summary());
        }
    }

    @Test
    @DisplayName("a host whose enclave is down is reported UNHEALTHY with its HTTP status and reason")
    void unhealthyHost(@TempDir Path dir) throws Exception {
        URI dead = LocalStack.deadUrl();
        try (LocalStack stack = LocalStack.start(dir, dead)) {
            HealthProbe.Health host =
                    new HealthProbe(stack.client, Duration.ofSeconds(3)).check(stack.healthUrl(), "healthy");
            assertFalse(host.healthy());
            assertEquals(HealthProbe.Problem.HTTP_STATUS, host.problem());
            assertEquals(503, host.httpStatus());
            assertTrue(
                    host.describe()
                            .startsWith(stack.healthUrl() + ": UNHEALTHY (HTTP 503, status unhealthy,"
                                    + " reason enclave at " + dead + "/health: cannot connect"),
                    host.describe());
        }
    }

    @Test
    @DisplayName("nothing listening, an answer that is not JSON, and a silent server are each named")
    void failures() throws Exception {
        HealthProbe probe = new HealthProbe(java.net.http.HttpClient.newHttpClient(), Duration.ofMillis(300));
        HealthProbe.Health refused = probe.check(URI.create(LocalStack.deadUrl() + "/health"), "ok");
        assertFalse(refused.healthy());
        assertEquals(HealthProbe.Problem.UNREACHABLE, refused.problem());
        assertTrue(refused.summary().startsWith("cannot connect"), refused.summary());

        HttpServer text = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        text.createContext("/", exchange -> {
            byte[] body = "I am fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        text.start();
        try {
            // A generous deadline here: on a loaded 2-core machine a fresh server's first answer
            // can take longer than the 300 ms that the silent-server case below waits out.
            HealthProbe patient = new HealthProbe(java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(10));
            HealthProbe.Health notJson = patient.check(
                    URI.create("http://127.0.0.1:" + text.getAddress().getPort() + "/health"), "ok");
            assertFalse(notJson.healthy());
            assertEquals(HealthProbe.Problem.NOT_JSON, notJson.problem());
            assertEquals("HTTP 200, the answer is not a JSON object", notJson.summary());
        } finally {
            text.stop(0);
        }

        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            HealthProbe.Health timedOut =
                    probe.check(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/health"), "ok");
            assertFalse(timedOut.healthy());
            assertEquals(HealthProbe.Problem.NO_ANSWER, timedOut.problem());
            assertEquals("no answer within 300 ms", timedOut.summary());
        }
    }

    @Test
    @DisplayName("an endless body is cut off at the limit: TOO_LARGE, and the probe hangs up instead of reading on")
    void endlessBody() throws Exception {
        CountDownLatch hungUp = new CountDownLatch(1);
        HttpServer flood = server(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no end announced
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) ' ');
            long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try (OutputStream out = exchange.getResponseBody()) {
                while (System.nanoTime() < stopAt) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                hungUp.countDown(); // the probe closed the connection
            }
        });
        try {
            HealthProbe.Health health =
                    new HealthProbe(HttpClient.newHttpClient(), Duration.ofSeconds(20)).check(url(flood), "ok");
            assertEquals(HealthProbe.Problem.TOO_LARGE, health.problem());
            assertEquals(
                    "HTTP 200, the answer is larger than " + HealthProbe.MAX_BODY_BYTES + " bytes", health.summary());
            assertTrue(hungUp.await(20, TimeUnit.SECONDS), "the server should see the probe hang up");
        } finally {
            flood.stop(0);
        }
    }

    @Test
    @DisplayName("a body claiming more than the limit is refused on its Content-Length, before any of it arrives")
    void hugeLengthClaim() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer liar = server(exchange -> {
            exchange.sendResponseHeaders(200, 10L << 30); // claims 10 GiB, then sends nothing
            exchange.getResponseBody().flush();
            await(release);
            exchange.close();
        });
        try {
            HealthProbe.Health health =
                    new HealthProbe(HttpClient.newHttpClient(), Duration.ofSeconds(20)).check(url(liar), "ok");
            assertEquals(HealthProbe.Problem.TOO_LARGE, health.problem(), health.summary());
        } finally {
            release.countDown();
            liar.stop(0);
        }
    }

    @Test
    @DisplayName("headers then silence: the deadline covers the whole answer, not only the headers")
    void stalledBody() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer stall = server(exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            await(release);
            exchange.close();
        });
        try {
            HealthProbe.Health health =
                    new HealthProbe(HttpClient.newHttpClient(), Duration.ofMillis(500)).check(url(stall), "ok");
            assertEquals(HealthProbe.Problem.NO_ANSWER, health.problem());
            assertEquals("no answer within 500 ms", health.summary());
        } finally {
            release.countDown();
            stall.stop(0);
        }
    }

    @Test
    @DisplayName("a nesting bomb within the size limit is NOT_JSON, not a crash")
    void nestingBomb() throws Exception {
        byte[] bomb = "[".repeat(HealthProbe.MAX_BODY_BYTES).getBytes(StandardCharsets.US_ASCII);
        HttpServer nested = server(exchange -> {
            exchange.sendResponseHeaders(200, bomb.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bomb);
            }
        });
        try {
            HealthProbe.Health health =
                    new HealthProbe(HttpClient.newHttpClient(), Duration.ofSeconds(10)).check(url(nested), "ok");
            assertEquals(HealthProbe.Problem.NOT_JSON, health.problem());
        } finally {
            nested.stop(0);
        }
    }

    private static HttpServer server(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "health-test-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
