package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateReason;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ResponseTamper: a forged verdict")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseTamperTest {
    private LocalStack stack;
    private byte[] nonce;
    private byte[] response;

    @BeforeAll
    void requestOneReport(@TempDir Path dir) throws Exception {
        stack = LocalStack.start(dir);
        nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        Path media = Files.write(dir.resolve("m.png"), new byte[] {1, 2, 3, 4, 5});
        response = new ReportRequest(stack.client, Duration.ofSeconds(20))
                .send(stack.enclaveUrl(), media, "image/png", Optional.empty(), nonce);
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    private static JsonObject json(byte[] bytes) {
        return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static byte[] bcs(JsonObject body) {
        return HexFormat.of().parseHex(body.get("reportBcs").getAsString());
    }

    private ReportGate gate() throws Exception {
        String config = LocalBackendConfig.json(
                stack.enclaveUrl(),
                stack.healthUrl(),
                stack.measurements,
                AnalysisRun.shippedIdentities(),
                Files.readString(stack.devRoot));
        return ReportGate.create(BackendConfig.fromJson(config));
    }

    @Test
    @DisplayName(
            "flips exactly one byte of reportBcs, the verdict; the bytes still decode; the view is rewritten to match")
    void oneByte() throws Exception {
        ResponseTamper.Tampered tampered = ResponseTamper.changeVerdict(response);
        byte[] original = bcs(json(response));
        byte[] forged = bcs(json(tampered.response()));
        assertEquals(original.length, forged.length);
        int differing = 0;
        for (int i = 0; i < original.length; i++) {
            if (original[i] != forged[i]) {
                differing++;
                assertEquals(tampered.byteIndex(), i);
            }
        }
        assertEquals(1, differing, "exactly one byte differs");
        // Five random bytes: the enclave found nothing conclusive; the forger claims a camera capture.
        assertEquals(Verdict.UNKNOWN, tampered.from());
        assertEquals(Verdict.CAPTURE_DECLARED, tampered.to());
        assertEquals(
                Verdict.CAPTURE_DECLARED, IntentMessage.fromBcs(forged).data().verdict());
        assertEquals(
                "CAPTURE_DECLARED",
                json(tampered.response())
                        .getAsJsonObject("report")
                        .get("verdict")
                        .getAsString());
        JsonObject before = json(response);
        JsonObject after = json(tampered.response());
        for (String member : new String[] {"signature", "publicKey", "attestation", "nonce"}) {
            assertEquals(before.get(member), after.get(member), member + " untouched");
        }
    }

    @Test
    @DisplayName("the gate accepts the original and rejects the tampered copy: USER_DATA_MISMATCH")
    void gateRejects() throws Exception {
        ReportGate gate = gate();
        byte[] tampered = ResponseTamper.changeVerdict(response).response();
        ExpectedRequest sent = ExpectedRequest.forMedia(nonce, new byte[] {1, 2, 3, 4, 5});
        GateRejection rejection = assertThrows(GateRejection.class, () -> gate.check(tampered, sent));
        assertEquals(GateReason.USER_DATA_MISMATCH, rejection.reason());
        assertArrayEquals(bcs(json(response)), gate.check(response, sent).reportBcs());
    }

    @Test
    @DisplayName("a forger passes anything off as a camera capture, and discredits a capture as AI-generated")
    void forgedVerdicts() {
        assertEquals(Verdict.AI_GENERATED_DECLARED, ResponseTamper.forgedVerdict(Verdict.CAPTURE_DECLARED));
        for (Verdict verdict :
                new Verdict[] {Verdict.UNKNOWN, Verdict.AI_GENERATED_DECLARED, Verdict.LIKELY_AI_GENERATED}) {
            assertEquals(Verdict.CAPTURE_DECLARED, ResponseTamper.forgedVerdict(verdict));
        }
    }

    /** A well-shaped answer around {@code reportBcs}. */
    private static String response(String reportBcs) {
        return "{\"report\":{},\"reportBcs\":\"" + reportBcs + "\",\"signature\":\"" + "00".repeat(64)
                + "\",\"publicKey\":\"" + "00".repeat(32) + "\",\"attestation\":\"AAAA\",\"nonce\":null}";
    }

    @Test
    @DisplayName("refuses what is not an enclave answer, with a clear error")
    void badInput() {
        String[][] cases = {
            {"not json {", "not an enclave report answer"},
            {"[1,2]", "not an enclave report answer"},
            {"{\"report\":{\"verdict\":\"UNKNOWN\"}}", "not an enclave report answer"},
            {response("zz"), "reportBcs must be hex"},
            {response("0001"), "not a media report"},
        };
        for (String[] c : cases) {
            LocalClientException e = assertThrows(
                    LocalClientException.class,
                    () -> ResponseTamper.changeVerdict(c[0].getBytes(StandardCharsets.UTF_8)),
                    c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
