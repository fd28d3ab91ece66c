package dev.provably.nautilus.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Expectations;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.MalformedReportException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * What a consumer of {@code POST /v1/reports} must check, in order: the attestation (chain to the
 * given anchor, freshness, expected public key and nonce), then the binding
 * {@code user_data == SHA-256(reportBcs)}, then the Ed25519 signature over {@code reportBcs} with
 * the attested key, and only then decode {@code reportBcs}.
 */
final class ResponseCheck {
    static final HexFormat HEX = HexFormat.of();

    private ResponseCheck() {
    }

    /** The parts of a response, decoded (arrays shared: tests clone before tampering). */
    record Parts(byte[] reportBcs, byte[] signature, byte[] publicKey, byte[] attestation, byte[] nonce) {
        static Parts of(JsonObject body) {
            return new Parts(HEX.parseHex(body.get("reportBcs").getAsString()),
                    HEX.parseHex(body.get("signature").getAsString()),
                    HEX.parseHex(body.get("publicKey").getAsString()),
                    Base64.getDecoder().decode(body.get("attestation").getAsString()),
                    body.get("nonce").isJsonNull() ? null : HEX.parseHex(body.get("nonce").getAsString()));
        }
    }

    /** Thrown when the report part (binding, signature, encoding) fails. */
    static final class ReportRejected extends Exception {
        private static final long serialVersionUID = 1L;

        ReportRejected(String message) {
            super(message);
        }
    }

    static IntentMessage verify(AttestationVerifier verifier, Parts parts, byte[] expectedPublicKey, byte[] expectedNonce)
            throws VerificationException, ReportRejected {
        Expectations expectations = Expectations.none().withPublicKey(expectedPublicKey);
        if (expectedNonce != null) {
            expectations = expectations.withNonce(expectedNonce);
        }
        VerifiedAttestation attestation = verifier.verify(parts.attestation(), expectations);
        byte[] userData = attestation.userData().orElseThrow(() -> new ReportRejected("no user_data"));
        if (!MessageDigest.isEqual(userData, sha256(parts.reportBcs()))) {
            throw new ReportRejected("user_data does not bind reportBcs");
        }
        byte[] attestedKey = attestation.publicKey().orElseThrow(() -> new ReportRejected("no public_key"));
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(false, new Ed25519PublicKeyParameters(attestedKey, 0));
        signer.update(parts.reportBcs(), 0, parts.reportBcs().length);
        if (parts.signature().length != 64 || !signer.verifySignature(parts.signature())) {
            throw new ReportRejected("signature does not verify");
        }
        try {
            return IntentMessage.fromBcs(parts.reportBcs());
        } catch (MalformedReportException e) {
            throw new ReportRejected("reportBcs is malformed: " + e.getMessage());
        }
    }

    /** The JSON convenience view must say exactly what the signed bytes say. */
    static void assertViewMatches(JsonObject body, IntentMessage message) {
        JsonObject report = body.getAsJsonObject("report");
        assertEquals(message.intent(), report.get("intent").getAsInt());
        assertEquals(message.timestampMs(), report.get("timestampMs").getAsLong());
        JsonObject media = report.getAsJsonObject("media");
        assertArrayEquals(message.data().mediaSha256(), HEX.parseHex(media.get("sha256").getAsString()));
        assertEquals(message.data().mediaLength(), media.get("length").getAsLong());
        assertEquals(message.data().mediaType(), media.get("type").getAsString());
        JsonObject analysis = report.getAsJsonObject("analysis");
        assertEquals(message.data().analysis().detector(), analysis.get("detector").getAsString());
        assertEquals(message.data().analysis().modelVersion(), analysis.get("modelVersion").getAsString());
        assertEquals(message.data().analysis().aiGeneratedBps(), analysis.get("aiGeneratedBps").getAsInt());
        assertEquals(message.data().analysis().verdict().name(), analysis.get("verdict").getAsString());
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
