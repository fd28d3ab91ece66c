package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
            assertEquals("HTTP 200, status ok, mode local", enclave.summary());
            HealthProbe.Health host = probe.check(stack.healthUrl(), "healthy");
            assertTrue(host.healthy(), host.describe());
            assertEquals(stack.healthUrl() + ": healthy (HTTP 200, status healthy, mode local)", host.describe());

            HealthProbe.Health wrongWord = probe.check(URI.create(stack.enclaveUrl() + "/health"), "healthy");
            assertFalse(wrongWord.healthy());
            assertTrue(wrongWord.summary().endsWith("expected status healthy"), wrongWord.summary());
        }
    }

    @Test
    @DisplayName("a host whose enclave is down is reported UNHEALTHY with its HTTP status and reason")
    void unhealthyHost(@TempDir Path dir) throws Exception {
        URI dead = LocalStack.deadUrl();
        try (LocalStack stack = LocalStack.start(dir, dead)) {
            HealthProbe.Health host = new HealthProbe(stack.client, Duration.ofSeconds(3))
                    .check(stack.healthUrl(), "healthy");
            assertFalse(host.healthy());
            assertEquals(503, host.httpStatus());
            assertTrue(host.describe().startsWith(stack.healthUrl() + ": UNHEALTHY (HTTP 503, status unhealthy,"
                    + " reason enclave unreachable at " + dead + "/health"), host.describe());
        }
    }

    @Test
    @DisplayName("nothing listening, an answer that is not JSON, and a silent server are each named")
    void failures() throws Exception {
        HealthProbe probe = new HealthProbe(java.net.http.HttpClient.newHttpClient(), Duration.ofMillis(300));
        HealthProbe.Health refused = probe.check(URI.create(LocalStack.deadUrl() + "/health"), "ok");
        assertFalse(refused.healthy());
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
            HealthProbe.Health notJson =
                    patient.check(URI.create("http://127.0.0.1:" + text.getAddress().getPort() + "/health"), "ok");
            assertFalse(notJson.healthy());
            assertEquals("HTTP 200, the answer is not a JSON object", notJson.summary());
        } finally {
            text.stop(0);
        }

        try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            HealthProbe.Health timedOut =
                    probe.check(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/health"), "ok");
            assertFalse(timedOut.healthy());
            assertEquals("no answer within 300 ms", timedOut.summary());
        }
    }
}
