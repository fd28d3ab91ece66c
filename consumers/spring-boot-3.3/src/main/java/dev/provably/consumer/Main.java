package dev.provably.consumer;

import com.google.gson.Gson;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Reason;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.BackendConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Runs the verifier library the way an application under the Spring Boot 3.3 BOM would: a genuine
 * attestation document is accepted and a wrong PCR rejected; the gate's strict JSON reader loads a
 * backend config and refuses a duplicate key and an upper-case keyword. Throws on any surprise.
 */
public final class Main {
    private static final String PCR0 =
            "cbe1afb6ed0ff89f10295af0b802247ec5670da8f886e71a4226373b032c322f4e42c9c98288e7211682b258684505a2";
    /** The document's own timestamp (2025-04-15T02:25:23.696Z). */
    private static final long ISSUED_AT = 1744683923696L;
    /** When the verifier checks it: 84 s later, within the 5-minute freshness window and the chain's validity. */
    private static final long CHECKED_AT = 1744684007462L;
    private static final String CONFIG = "{\"enclaveApiUrls\":[\"http://10.0.1.5:5000\"],"
            + "\"healthUrls\":[\"http://10.0.1.5:8080/health\"],"
            + "\"expectedPcrs\":{\"0\":\"" + PCR0 + "\"},"
            + "\"expectedAnalysis\":{\"policy\":\"" + "33".repeat(32) + "\","
            + "\"analyzers\":{\"provenance\":\"" + "11".repeat(32) + "\"}},"
            + "\"profile\":\"sui\",\"maxAgeSeconds\":300,\"allowDebug\":false}";

    private Main() {}

    public static void main(String[] args) throws Exception {
        String gson = Gson.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        check(gson.endsWith("gson-2.10.1.jar"), "Gson is the Spring Boot 3.3 BOM's 2.10.1: " + gson);

        byte[] document = vector("/nautilus-20250415-weather.cbor");
        Clock issued = Clock.fixed(Instant.ofEpochMilli(CHECKED_AT), ZoneOffset.UTC);
        VerifiedAttestation valid = AttestationVerifier.builder().clock(issued)
                .expectPcr(0, HexFormat.of().parseHex(PCR0)).build().verify(document);
        check(valid.timestampMillis() == ISSUED_AT, "genuine document accepted, issued " + valid.timestamp());
        byte[] otherImage = HexFormat.of().parseHex(PCR0);
        otherImage[0] ^= 1;
        try {
            AttestationVerifier.builder().clock(issued).expectPcr(0, otherImage).build().verify(document);
            check(false, "a document for another image is rejected");
        } catch (VerificationException e) {
            check(e.reason() == Reason.PCR_MISMATCH, "another image's PCR0 is rejected: " + e.reason());
        }

        BackendConfig config = BackendConfig.fromJson(CONFIG);
        check(config.expectedPcrs().size() == 1, "backend config loads: " + config);
        check(config.expectedAnalysis().isPresent(), "the analysis is pinned: " + config.expectedAnalysis());
        rejected(CONFIG.replace("\"allowDebug\":false}", "\"allowDebug\":false,\"allowDebug\":true}"), "a duplicate key");
        rejected(CONFIG.replace("\"allowDebug\":false", "\"allowDebug\":FALSE"), "an upper-case keyword");
        System.out.println("consumer: OK: the verifier library works under the Spring Boot 3.3 BOM (" + gson + ")");
    }

    private static void rejected(String json, String what) {
        try {
            BackendConfig.fromJson(json);
            check(false, "a config with " + what + " is rejected");
        } catch (BackendConfigException e) {
            check(true, "a config with " + what + " is rejected: " + e.getMessage());
        }
    }

    private static byte[] vector(String name) throws IOException {
        try (InputStream in = Main.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static void check(boolean ok, String what) {
        System.out.println((ok ? "consumer: ok   " : "consumer: FAIL ") + what);
        if (!ok) {
            throw new IllegalStateException("consumer check failed: " + what);
        }
    }
}
