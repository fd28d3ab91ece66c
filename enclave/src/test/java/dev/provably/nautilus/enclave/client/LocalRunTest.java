package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.gate.GateOutputLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LocalRun: the client half of ./run-local")
class LocalRunTest {
    private static final Optional<String> REFERENCE = Optional.of("local-run");

    private static LocalRun localRun(LocalStack stack) {
        return new LocalRun(
                new HealthProbe(stack.client, Duration.ofSeconds(3)),
                new ReportRequest(stack.client, Duration.ofSeconds(20)),
                new AnalysisJob(stack.client, Duration.ofSeconds(20)),
                new SecureRandom());
    }

    private static Path media(Path dir) throws Exception {
        byte[] bytes = new byte[4096];
        new SecureRandom().nextBytes(bytes);
        return Files.write(dir.resolve("media.png"), bytes);
    }

    private static LocalRun.Settings settings(LocalStack stack, Path dir, Path out) throws Exception {
        return new LocalRun.Settings(
                stack.enclaveUrl(),
                stack.healthUrl(),
                media(dir),
                "image/png",
                REFERENCE,
                stack.devRoot,
                stack.measurements,
                AnalysisRun.shippedIdentities(),
                out);
    }

    @Test
    @DisplayName("writes response, nonce, config, tampered and replayed copies; the verifier's gate command accepts"
            + " the original and refuses the others as USER_DATA_MISMATCH and REPLAYED")
    void endToEnd(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LocalRun.Result result;
        try (LocalStack stack = LocalStack.start(dir)) {
            result = localRun(stack).run(settings(stack, dir, out), new PrintStream(log, true, StandardCharsets.UTF_8));
        }
        String nonceHex = HexFormat.of().formatHex(result.nonce());
        assertEquals(LocalRun.NONCE_BYTES, result.nonce().length);
        assertEquals(nonceHex + "\n", Files.readString(out.resolve(LocalRun.NONCE)));
        JsonObject response =
                JsonParser.parseString(Files.readString(result.response())).getAsJsonObject();
        assertEquals(nonceHex, response.get("nonce").getAsString(), "the request carried the fresh nonce");
        assertArrayEquals(Files.readAllBytes(result.response()), Files.readAllBytes(result.replayed()));
        JsonObject job = JsonParser.parseString(Files.readString(out.resolve(LocalRun.ANALYSIS_JOB)))
                .getAsJsonObject();
        assertEquals(
                response.getAsJsonObject("report").get("media"),
                job.getAsJsonObject("report").get("media"),
                "the asynchronous job reported the same media");
        assertTrue(job.get("nonce").isJsonNull());
        String printed = log.toString(StandardCharsets.UTF_8);
        for (String step : List.of(
                "health    enclave",
                "health    host",
                "nonce",
                "request",
                "response  HTTP 200",
                "job       POST",
                "poll(s)",
                "signed report on the same media",
                "config",
                "expected PCR2",
                "tampered  verdict UNKNOWN -> CAPTURE_DECLARED",
                "verdict UNKNOWN (rule nothing-conclusive",
                "expected analyzer model",
                "replayed")) {
            assertTrue(printed.contains(step), "progress shows '" + step + "':\n" + printed);
        }

        // The backend engineer's command, in process: one gate, original first.
        ByteArrayOutputStream gate = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int status = dev.provably.nautilus.cli.Main.run(
                new String[] {
                    "gate",
                    "--config",
                    result.config().toString(),
                    "--nonce",
                    nonceHex,
                    "--media",
                    dir.resolve("media.png").toString(),
                    "--sui",
                    result.response().toString(),
                    result.tampered().toString(),
                    result.replayed().toString()
                },
                new PrintStream(gate, true, StandardCharsets.UTF_8),
                quiet);
        assertEquals(1, status, "some responses rejected");
        List<GateOutputLine> results = GateOutputPrinter.parse(
                List.of(gate.toString(StandardCharsets.UTF_8).split("\n")));
        assertEquals(3, results.size());
        assertTrue(results.get(0).accepted(), results.get(0).detail().orElse(null));
        assertFalse(results.get(1).accepted());
        assertEquals("USER_DATA_MISMATCH", results.get(1).reason().orElseThrow());
        assertFalse(results.get(2).accepted());
        assertEquals("REPLAYED", results.get(2).reason().orElseThrow());
        assertTrue(GateOutputPrinter.suiPayload(results.get(0)).orElseThrow().contains("submit_report"));
    }

    @Test
    @DisplayName("an unhealthy host stops the run before any report is requested, and says why")
    void unhealthyHost(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        try (LocalStack stack = LocalStack.start(dir, LocalStack.deadUrl())) {
            LocalClientException e = assertThrows(LocalClientException.class, () -> localRun(stack)
                    .run(
                            settings(stack, dir, out),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("the host is not healthy"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
            assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        }
        assertFalse(Files.exists(out.resolve(LocalRun.RESPONSE)));
        assertFalse(Files.exists(out.resolve(LocalRun.NONCE)));
    }

    @Test
    @DisplayName("a missing development root is named before anything is sent")
    void missingDevRoot(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(dir)) {
            LocalRun.Settings s = settings(stack, dir, dir.resolve("run"));
            LocalRun.Settings noRoot = new LocalRun.Settings(
                    s.enclaveUrl(),
                    s.healthUrl(),
                    s.media(),
                    s.mediaType(),
                    s.reference(),
                    dir.resolve("absent.pem"),
                    s.measurements(),
                    s.expectedAnalysis(),
                    s.out());
            LocalClientException e = assertThrows(LocalClientException.class, () -> localRun(stack)
                    .run(noRoot, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("absent.pem"), e.getMessage());
        }
    }

    @Test
    @DisplayName("the enclave's refusal of a report request is reported with its HTTP status and error code")
    void refusedRequest(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(dir)) {
            ReportRequest request = new ReportRequest(stack.client, Duration.ofSeconds(20));
            LocalClientException e = assertThrows(
                    LocalClientException.class,
                    () -> request.send(stack.enclaveUrl(), media(dir), "png", REFERENCE, new byte[] {1}));
            assertTrue(e.getMessage().contains("HTTP 400 bad_media_type"), e.getMessage());
            LocalClientException unreachable = assertThrows(
                    LocalClientException.class,
                    () -> request.send(LocalStack.deadUrl(), media(dir), "image/png", REFERENCE, null));
            assertTrue(unreachable.getMessage().contains("ConnectException"), unreachable.getMessage());
        }
    }

    @Test
    @DisplayName("the queue's refusal of a job is reported with its HTTP status and error code")
    void refusedJob(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(dir)) {
            AnalysisJob jobs = new AnalysisJob(stack.client, Duration.ofSeconds(20));
            LocalClientException e = assertThrows(
                    LocalClientException.class, () -> jobs.follow(stack.enclaveUrl(), media(dir), "png", REFERENCE));
            assertTrue(e.getMessage().contains("answered HTTP 400"), e.getMessage());
            assertTrue(e.getMessage().contains("bad_media_type"), e.getMessage());
            AnalysisJob.Outcome done = jobs.follow(stack.enclaveUrl(), media(dir), "image/png", REFERENCE);
            assertTrue(done.id().matches("[0-9a-f]{32}"), done.id());
            assertTrue(done.polls() >= 1);
            assertEquals(
                    "image/png",
                    done.result()
                            .getAsJsonObject("report")
                            .getAsJsonObject("media")
                            .get("declaredType")
                            .getAsString(),
                    "random bytes: declared image/png, detected as unknown");
        }
    }

    @Test
    @DisplayName("the request URL carries the reference form-encoded and the nonce in hex, and no analysis")
    void requestUrl() {
        assertEquals(
                "http://h:5000/v1/reports?reference=a%3Ab&nonce=0aff",
                ReportRequest.url(URI.create("http://h:5000/"), Optional.of("a:b"), new byte[] {10, -1})
                        .toString());
        assertEquals(
                "http://h:5000/v1/reports",
                ReportRequest.url(URI.create("http://h:5000"), Optional.empty(), null)
                        .toString());
    }
}
