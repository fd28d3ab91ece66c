package dev.provably.nautilus.enclave.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostHealthServerTest {
    private final HttpClient client = HttpClient.newHttpClient();

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private HttpResponse<String> get(HostHealthServer server, String path, String method) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return client.send(
                HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    @DisplayName("GET /health is 200 healthy with the enclave while nitro-cli shows it RUNNING")
    void healthy() throws Exception {
        NitroCliProbe probe = new NitroCliProbe(
                NitroCliProbeTest.fakeNitroCli("running"),
                Duration.ofSeconds(5),
                OptionalLong.of(2),
                OptionalLong.of(1024));
        try (HostHealthServer server = HostHealthServer.start(loopback(), probe)) {
            HttpResponse<String> response = get(server, "/health", "GET");
            assertEquals(200, response.statusCode());
            assertEquals(
                    "application/json; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElseThrow());
            JsonObject body = json(response);
            assertEquals("healthy", body.get("status").getAsString());
            assertEquals("RUNNING", body.getAsJsonObject("enclave").get("state").getAsString());
        }
    }

    @Test
    @DisplayName("GET /health is 503 unhealthy with a reason otherwise")
    void unhealthy() throws Exception {
        NitroCliProbe probe = new NitroCliProbe(
                NitroCliProbeTest.fakeNitroCli("empty"),
                Duration.ofSeconds(5),
                OptionalLong.empty(),
                OptionalLong.empty());
        try (HostHealthServer server = HostHealthServer.start(loopback(), probe)) {
            HttpResponse<String> response = get(server, "/health", "GET");
            assertEquals(503, response.statusCode());
            assertEquals("{\"status\":\"unhealthy\",\"reason\":\"no enclave is running\"}", response.body());
        }
    }

    @Test
    @DisplayName("other paths are 404, other methods 405, a throwing probe 500, and the server keeps serving")
    void errors() throws Exception {
        EnclaveProbe broken = () -> {
            throw new IllegalStateException("boom");
        };
        try (HostHealthServer server = HostHealthServer.start(loopback(), broken)) {
            assertEquals(404, get(server, "/nope", "GET").statusCode());
            HttpResponse<String> post = get(server, "/health", "POST");
            assertEquals(405, post.statusCode());
            assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
            HttpResponse<String> failed = get(server, "/health", "GET");
            assertEquals(500, failed.statusCode());
            assertEquals(
                    "internal_error",
                    json(failed).getAsJsonObject("error").get("code").getAsString());
            assertEquals(404, get(server, "/still-up", "GET").statusCode());
        }
    }

    @Test
    @DisplayName(
            "local mode probes the enclave's /health: ok, error status, not JSON, another word, timeout, unreachable")
    void localProbe() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer enclave = HttpServer.create(loopback(), 8);
        enclave.createContext("/ok/health", exchange -> reply(exchange, 200, "{\"status\":\"ok\",\"mode\":\"local\"}"));
        enclave.createContext("/down/health", exchange -> reply(exchange, 500, "{}"));
        enclave.createContext("/weird/health", exchange -> reply(exchange, 200, "[1]"));
        enclave.createContext("/starting/health", exchange -> reply(exchange, 200, "{\"status\":\"starting\"}"));
        enclave.createContext("/slow/health", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "{\"status\":\"ok\"}");
        });
        enclave.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        enclave.start();
        String base = "http://127.0.0.1:" + enclave.getAddress().getPort();
        try {
            ProbeResult ok = new LocalEnclaveProbe(URI.create(base + "/ok/"), Duration.ofSeconds(2)).probe();
            assertTrue(ok.healthy(), ok.reason());
            assertEquals("local", ok.enclave().get("mode").getAsString());
            assertEquals(
                    "enclave at " + base + "/down/health: HTTP 500, status (missing)",
                    new LocalEnclaveProbe(URI.create(base + "/down"), Duration.ofSeconds(2))
                            .probe()
                            .reason());
            assertEquals(
                    "enclave at " + base + "/weird/health: HTTP 200, the answer is not a JSON object",
                    new LocalEnclaveProbe(URI.create(base + "/weird"), Duration.ofSeconds(2))
                            .probe()
                            .reason());
            assertEquals(
                    "enclave at " + base + "/starting/health: HTTP 200, status starting; expected status ok",
                    new LocalEnclaveProbe(URI.create(base + "/starting"), Duration.ofSeconds(2))
                            .probe()
                            .reason());
            ProbeResult slow = new LocalEnclaveProbe(URI.create(base + "/slow"), Duration.ofMillis(300)).probe();
            assertEquals("enclave at " + base + "/slow/health: no answer within 300 ms", slow.reason());
        } finally {
            release.countDown();
            enclave.stop(0);
        }
        ProbeResult refused = new LocalEnclaveProbe(URI.create(base), Duration.ofSeconds(1)).probe();
        assertTrue(refused.reason().startsWith("enclave at " + base + "/health: cannot connect"), refused.reason());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
