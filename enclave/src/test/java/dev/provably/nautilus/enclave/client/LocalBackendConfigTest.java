package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.gate.AcceptedReport;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateReason;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.ReportGate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LocalBackendConfig: a local run's stack outputs")
class LocalBackendConfigTest {

    @Test
    @DisplayName("loads with BackendConfig.fromFile: URLs, PCRs 0-2 of this artifact, sui, 300 s, no debug,"
            + " region local, the dev root as the only trust anchor; and a gate from it accepts a real response")
    void loadsAndAccepts(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(dir)) {
            Path file = dir.resolve("stack-outputs.json");
            BackendConfig written = LocalBackendConfig.write(
                    file,
                    stack.enclaveUrl(),
                    stack.healthUrl(),
                    stack.measurements,
                    AnalysisRun.shippedIdentities(),
                    Files.readString(stack.devRoot));

            JsonObject outputs = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            assertEquals(Set.of("backendConfig"), outputs.keySet(), "shaped like pulumi stack output --json");
            BackendConfig config = BackendConfig.fromFile(file);
            assertEquals(written.toJson(), config.toJson(), "what the local run writes is what the gate reads");
            assertEquals(List.of(stack.enclaveUrl()), config.enclaveApiUrls());
            assertEquals(List.of(stack.healthUrl()), config.healthUrls());
            assertEquals(Set.of(0, 1, 2), config.expectedPcrs().keySet());
            for (int index = 0; index < 3; index++) {
                assertArrayEquals(
                        stack.measurements.pcr(index), config.expectedPcrs().get(index));
            }
            assertEquals(Profile.SUI, config.profile());
            assertEquals(Duration.ofSeconds(300), config.maxAge());
            assertFalse(config.allowDebug());
            assertEquals("local", config.region().orElseThrow());
            assertTrue(config.customTrustAnchor());
            assertEquals(
                    TrustAnchor.fromPemFile(stack.devRoot).sha256Hex(),
                    config.trustAnchor().sha256Hex());
            assertArrayEquals(
                    AnalysisRun.shippedIdentities().policyIdentity(),
                    config.expectedAnalysis().orElseThrow().policyIdentity());

            byte[] nonce = {7, 7, 7};
            Path media = Files.write(dir.resolve("m.png"), new byte[] {9, 8, 7});
            byte[] response = new ReportRequest(stack.client, Duration.ofSeconds(20))
                    .send(stack.enclaveUrl(), media, "image/png", Optional.empty(), nonce);
            AcceptedReport accepted =
                    ReportGate.create(config).check(response, ExpectedRequest.forMediaFile(nonce, media));
            assertEquals(3, accepted.message().data().mediaLength());
        }
    }

    @Test
    @DisplayName("expected PCRs matter: a config measured from another artifact makes the gate refuse (PCR_MISMATCH)")
    void otherArtifact(@TempDir Path dir) throws Exception {
        try (LocalStack stack = LocalStack.start(dir)) {
            Path other = Files.writeString(dir.resolve("other.jar"), "not the enclave");
            LocalMeasurements foreign = LocalMeasurements.of(other, "same runtime");
            BackendConfig config = BackendConfig.fromJson(LocalBackendConfig.json(
                    stack.enclaveUrl(),
                    stack.healthUrl(),
                    foreign,
                    AnalysisRun.shippedIdentities(),
                    Files.readString(stack.devRoot)));
            Path media = Files.write(dir.resolve("m.png"), new byte[] {1});
            byte[] response = new ReportRequest(stack.client, Duration.ofSeconds(20))
                    .send(stack.enclaveUrl(), media, "image/png", Optional.empty(), new byte[] {5});
            ExpectedRequest sent = ExpectedRequest.forMediaFile(new byte[] {5}, media);
            GateRejection e = assertThrows(
                    GateRejection.class, () -> ReportGate.create(config).check(response, sent));
            assertEquals(GateReason.PCR_MISMATCH, e.reason());
        }
    }

    @Test
    @DisplayName("refuses to write a config the gate could not load (here: a trust anchor that is no certificate)")
    void invalidNotWritten(@TempDir Path dir) throws Exception {
        Path artifact = Files.writeString(dir.resolve("a.jar"), "a");
        Path file = dir.resolve("stack-outputs.json");
        LocalClientException e = assertThrows(
                LocalClientException.class,
                () -> LocalBackendConfig.write(
                        file,
                        URI.create("http://127.0.0.1:5000"),
                        URI.create("http://127.0.0.1:8080/health"),
                        LocalMeasurements.of(artifact, "rt"),
                        AnalysisRun.shippedIdentities(),
                        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertTrue(e.getMessage().contains("trustAnchorPem"), e.getMessage());
        assertFalse(Files.exists(file));
    }
}
