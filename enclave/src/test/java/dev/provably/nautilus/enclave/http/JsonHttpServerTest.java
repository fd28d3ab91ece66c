package dev.provably.nautilus.enclave.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The HTTP boundary: deadlines, limits and JSON for every answer, Jetty's own errors included. */
class JsonHttpServerTest {
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private JsonHttpServer server;

    private JsonHttpServer start(JsonHttpServer.Limits limits) throws Exception {
        Router router = Router.builder()
                .get("/health", request -> ApiResponse.ok(json("status", "ok")))
                .post("/echo", request -> ApiResponse.ok(json("length", String.valueOf(request.body().length))), 1000)
                .post(
                        "/block",
                        request -> {
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return ApiResponse.ok(json("released", "yes"));
                        },
                        1000)
                .get("/items/{id}", request -> ApiResponse.ok(json("id", request.pathParameter("id"))))
                .get("/boom", request -> {
                    throw new IllegalStateException("a bug, not the caller's fault");
                })
                .build();
        server = JsonHttpServer.start(
                "test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), router, limits);
        return server;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private static JsonObject json(String name, String value) {
        JsonObject body = new JsonObject();
        body.addProperty(name, value);
        return body;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static String errorCode(String body) {
        return JsonParser.parseString(body)
                .getAsJsonObject()
                .getAsJsonObject("error")
                .get("code")
                .getAsString();
    }

    /** The JSON body of a raw HTTP/1.1 response. */
    private static String rawBody(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    @DisplayName("routes by template: path parameters, 404 for unknown paths, 405 with Allow")
    void routing() throws Exception {
        start(JsonHttpServer.Limits.defaults(2));
        assertEquals(
                "42",
                JsonParser.parseString(get("/items/42").body())
                        .getAsJsonObject()
                        .get("id")
                        .getAsString());
        HttpResponse<String> missing = get("/items/");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", errorCode(missing.body()));
        HttpResponse<String> wrongMethod = client.send(
                HttpRequest.newBuilder(uri("/health"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertEquals("method_not_allowed", errorCode(wrongMethod.body()));
    }

    @Test
    @DisplayName("an endpoint's bug is a generic JSON 500, and the server keeps serving")
    void internalError() throws Exception {
        start(JsonHttpServer.Limits.defaults(2));
        HttpResponse<String> boom = get("/boom");
        assertEquals(500, boom.statusCode());
        assertEquals("internal_error", errorCode(boom.body()));
        assertFalse(boom.body().contains("a bug"), "details stay in the log");
        assertEquals(200, get("/health").statusCode());
        assertEquals(1, server.errors());
    }

    @Test
    @DisplayName("Jetty's protocol errors are JSON, never an HTML page, and name no server version")
    void protocolErrorsAreJson() throws Exception {
        start(JsonHttpServer.Limits.defaults(2));
        try (RawClient raw = new RawClient(server.address())) {
            raw.send("GARBAGE\r\n\r\n");
            String response = raw.readAll();
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("application/json"), response);
            assertEquals("bad_request", errorCode(rawBody(response)));
            assertFalse(response.toLowerCase().contains("<html"), response);
            assertFalse(response.toLowerCase().contains("jetty"), response);
        }
        try (RawClient raw = new RawClient(server.address())) {
            raw.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
            String response = raw.readAll();
            assertTrue(response.startsWith("HTTP/1.1 431"), response);
            assertEquals("headers_too_large", errorCode(rawBody(response)));
        }
    }

    @Test
    @DisplayName("a body over the limit is 413 from Content-Length before reading, and while streaming")
    void bodyLimit() throws Exception {
        start(JsonHttpServer.Limits.defaults(2));
        HttpResponse<String> declared = client.send(
                HttpRequest.newBuilder(uri("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1001]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode());
        assertEquals("body_too_large", errorCode(declared.body()));
        try (RawClient raw = new RawClient(server.address())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "800\r\n" + "a".repeat(0x800) + "\r\n0\r\n\r\n");
            String response = raw.readAll();
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
        }
        HttpResponse<String> fits = client.send(
                HttpRequest.newBuilder(uri("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000]))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(
                "1000",
                JsonParser.parseString(fits.body())
                        .getAsJsonObject()
                        .get("length")
                        .getAsString());
    }

    @Test
    @DisplayName("a refused body of up to 1 MiB is read and discarded: the client always gets its 413, never a reset")
    void refusedBodyIsDrained() throws Exception {
        start(JsonHttpServer.Limits.defaults(2));
        // Refused unread, 27 of 400 such requests saw the connection reset before the 413 arrived.
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> refused = client.send(
                    HttpRequest.newBuilder(uri("/echo"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[BodyReader.DRAIN_BYTES]))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, refused.statusCode(), "request " + i);
        }
        try (RawClient raw = new RawClient(server.address())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + "a".repeat(2000)
                    + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String responses = raw.readAll();
            assertTrue(responses.startsWith("HTTP/1.1 413"), responses);
            assertTrue(
                    responses.indexOf("HTTP/1.1 200") > 0, "the connection is kept for the next request: " + responses);
        }
    }

    @Test
    @DisplayName("a declared body over 1 MiB is refused unread and the connection closed")
    void hugeDeclaredBodyIsRefusedUnread() throws Exception {
        start(JsonHttpServer.Limits.defaults(2));
        try (RawClient raw = new RawClient(server.address())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + (BodyReader.DRAIN_BYTES + 1) + "\r\n\r\n");
            String response = raw.readAll(); // returns only because the server closes
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), response);
        }
    }

    @Test
    @DisplayName("a connection that does not finish its headers in time is closed")
    void headerDeadline() throws Exception {
        start(JsonHttpServer.Limits.defaults(2).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5)));
        try (RawClient slow = new RawClient(server.address())) {
            slow.send("GET /health HTTP/1.1\r\nHo");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                slow.send("s"); // one byte at a time: never idle, never complete
                closed = slow.closedByServer();
            }
            assertTrue(closed, "the server closed the trickling connection");
        }
        assertEquals(200, get("/health").statusCode());
    }

    @Test
    @DisplayName("a body that does not arrive in time is a JSON 408 and the connection is closed")
    void bodyDeadline() throws Exception {
        start(JsonHttpServer.Limits.defaults(2).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));
        try (RawClient slow = new RawClient(server.address())) {
            slow.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
            String response = slow.readAll();
            assertTrue(response.startsWith("HTTP/1.1 408"), response);
            assertEquals("request_timeout", errorCode(rawBody(response)));
        }
    }

    @Test
    @DisplayName("when every worker is busy: 503 busy with Retry-After, and inline routes still answer")
    void busy() throws Exception {
        start(new JsonHttpServer.Limits(
                1, 1, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), 64));
        var first = client.sendAsync(
                HttpRequest.newBuilder(uri("/block"))
                        .POST(HttpRequest.BodyPublishers.ofString("a"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var second = client.sendAsync(
                HttpRequest.newBuilder(uri("/block"))
                        .POST(HttpRequest.BodyPublishers.ofString("b"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> third = null;
        for (int i = 0; i < 50 && (third == null || third.statusCode() != 503); i++) {
            Thread.sleep(20); // until the first holds the worker and the second the queue slot
            third = client.send(
                    HttpRequest.newBuilder(uri("/block"))
                            .POST(HttpRequest.BodyPublishers.ofString("c"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(503, third.statusCode());
        assertEquals("1", third.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("busy", errorCode(third.body()));
        assertEquals(200, get("/health").statusCode());
        release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, second.get(10, TimeUnit.SECONDS).statusCode());
    }
}
