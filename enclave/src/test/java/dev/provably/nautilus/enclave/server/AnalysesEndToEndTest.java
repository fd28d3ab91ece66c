package dev.provably.nautilus.enclave.server;

import static dev.provably.nautilus.enclave.server.TestEnclave.REFERENCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.host.HostHealthServer;
import dev.provably.nautilus.enclave.host.LocalEnclaveProbe;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.jobs.JobQueue;
import dev.provably.nautilus.report.IntentMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/analyses} and {@code GET /v1/analyses/{id}} against a real local-mode server. */
class AnalysesEndToEndTest {
    private static final long LIMIT = 64 * 1024;
    private static final byte[] MEDIA = "\u0089PNG not really, but bytes".getBytes(StandardCharsets.UTF_8);
    private static final Duration LONG = Duration.ofMinutes(5);

    private TestEnclave enclave;
    private AttestationVerifier verifier;

    @BeforeEach
    void start(@TempDir Path state) throws Exception {
        enclave = TestEnclave.start(state, LIMIT);
        verifier = AttestationVerifier.builder()
                .anyEnclaveImage()
                .trustAnchor(TrustAnchor.of(enclave.ca.root()))
                .build();
    }

    @AfterEach
    void stop() {
        enclave.close();
    }

    /** The local source, but {@code attest} waits for {@code gate} (a slow analysis) or fails. */
    private AttestationSource gated(CountDownLatch gate, boolean fail) {
        return new AttestationSource() {
            @Override
            public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws AttestationException {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AttestationException("interrupted");
                }
                if (fail) {
                    throw new AttestationException("device busy");
                }
                return enclave.localSource.attest(publicKey, userData, nonce);
            }

            @Override
            public byte[] random(int length) throws AttestationException {
                return enclave.localSource.random(length);
            }

            @Override
            public String mode() {
                return "local";
            }
        };
    }

    private TestEnclave startWith(AttestationSource source, JobQueue.Limits jobs) throws Exception {
        return TestEnclave.start(
                enclave.ca,
                enclave.localSource,
                source,
                new EnclaveServer.Settings(TestEnclave.loopback(), LIMIT, JsonHttpServer.Limits.defaults(4), jobs));
    }

    private static JsonObject submit(TestEnclave target, String query, byte[] media) throws Exception {
        HttpResponse<String> response = target.post("/v1/analyses" + query, "image/png", media);
        assertEquals(202, response.statusCode(), response.body());
        JsonObject body = TestEnclave.json(response);
        String id = body.get("id").getAsString();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals("/v1/analyses/" + id, body.get("statusUrl").getAsString());
        assertEquals(
                body.get("statusUrl").getAsString(),
                response.headers().firstValue("Location").orElseThrow());
        assertEquals("queued", body.get("status").getAsString());
        assertTrue(body.get("position").getAsLong() >= 1);
        return body;
    }

    private static JsonObject status(TestEnclave target, JsonObject job) throws Exception {
        HttpResponse<String> response = target.send("GET", job.get("statusUrl").getAsString());
        assertEquals(200, response.statusCode(), response.body());
        return TestEnclave.json(response);
    }

    /** Polls until the job is done or failed. */
    private static JsonObject outcome(TestEnclave target, JsonObject job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonObject status = status(target, job);
            String state = status.get("status").getAsString();
            if (state.equals("done") || state.equals("failed")) {
                return status;
            }
            assertTrue(state.equals("queued") || state.equals("running"), state);
            assertTrue(System.nanoTime() < deadline, "job did not finish: " + status);
            Thread.sleep(5);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting for " + what);
            Thread.sleep(5);
        }
    }

    private static String state(TestEnclave target, JsonObject job) {
        try {
            return status(target, job).get("status").getAsString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                code,
                TestEnclave.json(response).getAsJsonObject("error").get("code").getAsString());
    }

    @Test
    @DisplayName(
            "a job goes from 202 to done; its result is the signed report of POST /v1/reports, binding media and nonce")
    void followedToDone() throws Exception {
        byte[] nonce = {1, 2, 3, 4};
        JsonObject job = submit(enclave, "?" + REFERENCE + "&nonce=01020304", MEDIA);
        JsonObject done = outcome(enclave, job);
        assertEquals("done", done.get("status").getAsString(), done.toString());
        assertEquals(job.get("id"), done.get("id"));
        JsonObject result = done.getAsJsonObject("result");
        IntentMessage message =
                ResponseCheck.verify(verifier, ResponseCheck.Parts.of(result), enclave.signer.publicKey(), nonce);
        assertArrayEquals(ResponseCheck.sha256(MEDIA), message.data().mediaSha256());
        assertEquals(MEDIA.length, message.data().mediaLength());
        assertEquals(
                "image/png", message.data().declaredType().orElse(message.data().detectedType()));
        ResponseCheck.assertViewMatches(result, message);

        JsonObject synchronous =
                TestEnclave.json(enclave.post("/v1/reports?" + REFERENCE + "&nonce=01020304", "image/png", MEDIA));
        assertEquals(synchronous.keySet(), result.keySet(), "the same response shape as POST /v1/reports");
        assertEquals(
                synchronous.get("report").getAsJsonObject().get("media"),
                result.get("report").getAsJsonObject().get("media"));
        assertEquals(done, status(enclave, job), "the outcome stays readable");
    }

    @Test
    @DisplayName("queued jobs show their position; a full queue is 429 with Retry-After; all finish once released")
    void admissionAndPositions() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (TestEnclave slow = startWith(gated(gate, false), new JobQueue.Limits(2, LIMIT, 100, 1, LONG, LONG))) {
            JsonObject first = submit(slow, "?" + REFERENCE, MEDIA);
            await("the first job to run", () -> state(slow, first).equals("running"));
            JsonObject second = submit(slow, "?" + REFERENCE, MEDIA);
            JsonObject third = submit(slow, "?" + REFERENCE, MEDIA);
            assertEquals(1, second.get("position").getAsLong());
            assertEquals(2, third.get("position").getAsLong());
            assertEquals(2, status(slow, third).get("position").getAsLong());

            HttpResponse<String> refused = slow.post("/v1/analyses?" + REFERENCE, "image/png", MEDIA);
            assertError(refused, 429, "queue_full");
            long retryAfter =
                    Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
            JsonObject queue = TestEnclave.json(slow.send("GET", "/health")).getAsJsonObject("queue");
            assertEquals(2, queue.get("depth").getAsInt());
            assertEquals(1, queue.get("running").getAsInt());
            assertEquals(3L * MEDIA.length, queue.get("heldBytes").getAsLong());

            gate.countDown();
            for (JsonObject job : List.of(first, second, third)) {
                assertEquals("done", outcome(slow, job).get("status").getAsString());
            }
        }
    }

    @Test
    @DisplayName("the byte budget refuses media that would overflow it, with 429")
    void byteBudget() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        byte[] big = new byte[40 * 1024];
        try (TestEnclave slow = startWith(gated(gate, false), new JobQueue.Limits(10, LIMIT, 100, 1, LONG, LONG))) {
            JsonObject first = submit(slow, "?" + REFERENCE, big);
            assertError(slow.post("/v1/analyses?" + REFERENCE, "image/png", big), 429, "queue_full");
            JsonObject small = submit(slow, "?" + REFERENCE, MEDIA);
            gate.countDown();
            assertEquals("done", outcome(slow, first).get("status").getAsString());
            assertEquals("done", outcome(slow, small).get("status").getAsString());
            submit(slow, "?" + REFERENCE, big); // the budget is free again
        }
    }

    @Test
    @DisplayName("a job over its deadline fails as timeout, and the next job still gets its report")
    void timeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        AttestationSource hangsOnce = new AttestationSource() {
            private final AttestationSource first = gated(never, false);
            private final AttestationSource then = gated(open, false);
            private final java.util.concurrent.atomic.AtomicBoolean used =
                    new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws AttestationException {
                return (used.getAndSet(true) ? then : first).attest(publicKey, userData, nonce);
            }

            @Override
            public byte[] random(int length) throws AttestationException {
                return enclave.localSource.random(length);
            }

            @Override
            public String mode() {
                return "local";
            }
        };
        try (TestEnclave slow =
                startWith(hangsOnce, new JobQueue.Limits(10, LIMIT, 100, 1, Duration.ofSeconds(3), LONG))) {
            JsonObject hung = submit(slow, "?" + REFERENCE, MEDIA);
            JsonObject next = submit(slow, "?" + REFERENCE, MEDIA);
            JsonObject failed = outcome(slow, hung);
            assertEquals("failed", failed.get("status").getAsString());
            assertEquals("timeout", failed.getAsJsonObject("error").get("code").getAsString());
            assertEquals("done", outcome(slow, next).get("status").getAsString());
            JsonObject queue = TestEnclave.json(slow.send("GET", "/health")).getAsJsonObject("queue");
            assertEquals(1, queue.get("timedOut").getAsInt());
            assertEquals(1, queue.get("done").getAsInt());
        }
    }

    @Test
    @DisplayName("a job whose pipeline fails or throws is failed with the reason POST /v1/reports would give")
    void failedJob() throws Exception {
        try (TestEnclave failing = startWith(gated(new CountDownLatch(0), true), JobQueue.Limits.defaults(1))) {
            JsonObject failed = outcome(failing, submit(failing, "?" + REFERENCE, MEDIA));
            assertEquals("failed", failed.get("status").getAsString());
            assertEquals(
                    "attestation_unavailable",
                    failed.getAsJsonObject("error").get("code").getAsString());
            assertFalse(failed.has("result"));
            assertEquals(
                    1,
                    TestEnclave.json(failing.send("GET", "/health"))
                            .getAsJsonObject("queue")
                            .get("failed")
                            .getAsInt());
        }
        AttestationSource broken = TestEnclave.failingSource(new IllegalStateException("secret internal detail"));
        try (TestEnclave failing = startWith(broken, JobQueue.Limits.defaults(1))) {
            JsonObject job = submit(failing, "?" + REFERENCE, MEDIA);
            JsonObject failed = outcome(failing, job);
            assertEquals(
                    "internal_error",
                    failed.getAsJsonObject("error").get("code").getAsString());
            assertFalse(failed.toString().contains("secret"), "no internal detail leaks");
            assertEquals(
                    "failed",
                    outcome(failing, submit(failing, "?" + REFERENCE, MEDIA))
                            .get("status")
                            .getAsString(),
                    "the worker is still there for the next job");
        }
    }

    @Test
    @DisplayName("outcomes expire after the TTL: then the status is 404")
    void expiry() throws Exception {
        try (TestEnclave shortLived =
                startWith(enclave.localSource, new JobQueue.Limits(10, LIMIT, 100, 1, LONG, Duration.ofSeconds(3)))) {
            JsonObject job = submit(shortLived, "?" + REFERENCE, MEDIA);
            assertEquals("done", outcome(shortLived, job).get("status").getAsString());
            await("the outcome to expire", () -> {
                try {
                    return shortLived
                                    .send("GET", job.get("statusUrl").getAsString())
                                    .statusCode()
                            == 404;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertError(shortLived.send("GET", job.get("statusUrl").getAsString()), 404, "no_such_analysis");
        }
    }

    @Test
    @DisplayName(
            "bad input gets the same typed 4xx as POST /v1/reports, queues nothing, and a good job still completes")
    void badInput() throws Exception {
        String good = "?" + REFERENCE;
        String id = "0".repeat(32);
        List<Bad> table = List.of(
                new Bad(() -> enclave.post("/v1/analyses" + good, "image/png", new byte[0]), 400, "empty_body"),
                new Bad(() -> enclave.post("/v1/analyses" + good, "image/p ng", MEDIA), 400, "bad_media_type"),
                new Bad(
                        () -> enclave.post("/v1/analyses" + good, "multipart/form-data; boundary=x", MEDIA),
                        415,
                        "unsupported_media_type"),
                new Bad(
                        () -> enclave.post("/v1/analyses" + good, "image/png", new byte[(int) LIMIT + 1]),
                        413,
                        "body_too_large"),
                new Bad(
                        () -> enclave.post("/v1/analyses?verdict=AUTHENTIC", "image/png", MEDIA),
                        400,
                        "caller_analysis_refused"),
                new Bad(() -> enclave.post("/v1/analyses" + good + "&nonce=xyz", "image/png", MEDIA), 400, "bad_nonce"),
                new Bad(() -> enclave.post("/v1/analyses" + good + "&extra=1", "image/png", MEDIA), 400, "bad_query"),
                new Bad(() -> enclave.send("GET", "/v1/analyses/not-an-id"), 400, "bad_analysis_id"),
                new Bad(() -> enclave.send("GET", "/v1/analyses/" + "A".repeat(32)), 400, "bad_analysis_id"),
                new Bad(() -> enclave.send("GET", "/v1/analyses/" + id), 404, "no_such_analysis"),
                new Bad(() -> enclave.send("GET", "/v1/analyses/" + id + "?x=1"), 400, "bad_query"),
                new Bad(() -> enclave.send("GET", "/v1/analyses/" + "0".repeat(200)), 404, "not_found"),
                new Bad(() -> enclave.send("DELETE", "/v1/analyses/" + id), 405, "method_not_allowed"),
                new Bad(() -> enclave.send("GET", "/v1/analyses"), 405, "method_not_allowed"));
        for (Bad bad : table) {
            assertError(bad.call().send(), bad.status(), bad.code());
            JsonObject queue = TestEnclave.json(enclave.send("GET", "/health")).getAsJsonObject("queue");
            assertEquals(
                    0,
                    queue.get("depth").getAsInt()
                            + queue.get("running").getAsInt()
                            + queue.get("heldBytes").getAsInt(),
                    bad.code() + " queued nothing");
            assertEquals(
                    "done",
                    outcome(enclave, submit(enclave, good, MEDIA)).get("status").getAsString());
        }
    }

    private record Bad(Call call, int status, String code) {}

    /** Lets the table above call throwing methods. */
    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    @Test
    @DisplayName("a body that stalls is a 408 at the body deadline; nothing is queued and the next job completes")
    void stalledBody() throws Exception {
        JsonHttpServer.Limits strict =
                JsonHttpServer.Limits.defaults(4).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
        try (TestEnclave target = TestEnclave.start(
                enclave.ca,
                enclave.localSource,
                enclave.localSource,
                new EnclaveServer.Settings(TestEnclave.loopback(), LIMIT, strict, JobQueue.Limits.defaults(1)))) {
            try (java.net.Socket socket =
                    new java.net.Socket("127.0.0.1", target.server.address().getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("POST /v1/analyses?" + REFERENCE + " HTTP/1.1\r\nHost: x\r\n"
                                        + "Content-Type: image/png\r\nContent-Length: 1000\r\n\r\nab")
                                .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 408"), response);
                assertTrue(response.contains("request_timeout"), response);
            }
            JsonObject queue = TestEnclave.json(target.send("GET", "/health")).getAsJsonObject("queue");
            assertEquals(
                    0,
                    queue.get("depth").getAsInt()
                            + queue.get("running").getAsInt()
                            + queue.get("heldBytes").getAsInt());
            assertEquals(
                    "done",
                    outcome(target, submit(target, "?" + REFERENCE, MEDIA))
                            .get("status")
                            .getAsString());
        }
    }

    @Test
    @DisplayName("16 concurrent clients each follow their own jobs to a report on their own media; /health counts them")
    void concurrentClients() throws Exception {
        int clients = 16;
        int jobsPerClient = 2;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    go.await();
                    for (int r = 0; r < jobsPerClient; r++) {
                        byte[] media = ("client " + client + " job " + r)
                                .repeat(20 + client)
                                .getBytes(StandardCharsets.UTF_8);
                        byte[] nonce = {(byte) client, (byte) r};
                        JsonObject job = submit(
                                enclave,
                                "?" + REFERENCE + "&nonce=" + HexFormat.of().formatHex(nonce),
                                media);
                        JsonObject done = outcome(enclave, job);
                        assertEquals("done", done.get("status").getAsString(), done.toString());
                        IntentMessage message = ResponseCheck.verify(
                                verifier,
                                ResponseCheck.Parts.of(done.getAsJsonObject("result")),
                                enclave.signer.publicKey(),
                                nonce);
                        assertArrayEquals(
                                ResponseCheck.sha256(media), message.data().mediaSha256());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<Void> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonObject health = TestEnclave.json(enclave.send("GET", "/health"));
        JsonObject queue = health.getAsJsonObject("queue");
        assertEquals(clients * jobsPerClient, queue.get("done").getAsInt());
        assertEquals(0, queue.get("failed").getAsInt());
        assertEquals(0, queue.get("depth").getAsInt());
        assertEquals(0, queue.get("heldBytes").getAsInt());
        assertEquals(
                Runtime.getRuntime().availableProcessors(), queue.get("workers").getAsInt(), "workers = CPUs");
        JsonObject pipeline = health.getAsJsonObject("analysisTimes").getAsJsonObject("provenance");
        assertEquals(clients * jobsPerClient, pipeline.get("count").getAsInt());
        assertTrue(pipeline.get("p99Ms").getAsDouble() >= pipeline.get("p50Ms").getAsDouble());
        assertTrue(pipeline.get("p50Ms").getAsDouble() > 0);
    }

    @Test
    @DisplayName("the host's /health shows the enclave's queue and analysis times")
    void hostHealth() throws Exception {
        assertEquals(
                "done",
                outcome(enclave, submit(enclave, "?" + REFERENCE, MEDIA))
                        .get("status")
                        .getAsString());
        URI enclaveUrl =
                URI.create("http://127.0.0.1:" + enclave.server.address().getPort());
        try (HostHealthServer host = HostHealthServer.start(
                TestEnclave.loopback(), new LocalEnclaveProbe(enclaveUrl, Duration.ofSeconds(5)))) {
            HttpResponse<String> response = enclave.client.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + host.address().getPort() + "/health"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonObject proxied = TestEnclave.json(response).getAsJsonObject("enclave");
            assertEquals(1, proxied.getAsJsonObject("queue").get("done").getAsInt());
            assertEquals(
                    1,
                    proxied.getAsJsonObject("analysisTimes")
                            .getAsJsonObject("provenance")
                            .get("count")
                            .getAsInt());
        }
    }
}
