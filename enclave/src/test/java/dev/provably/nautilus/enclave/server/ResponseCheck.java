package dev.provably.nautilus.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Expectations;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportJson;
import dev.provably.nautilus.report.ReportVerificationException;
import dev.provably.nautilus.report.ReportVerifier;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What a consumer of {@code POST /v1/reports} must check, in order: the attestation (chain to the
 * given anchor, freshness, expected public key and nonce) with {@code AttestationVerifier}, then
 * with {@code ReportVerifier} the binding {@code user_data == SHA-256(reportBcs)}, the Ed25519
 * signature over {@code reportBcs} with the attested key, and the BCS decoding.
 */
final class ResponseCheck {
    static final HexFormat HEX = HexFormat.of();

    private ResponseCheck() {}

    /** The parts of a response, decoded (arrays shared: tests clone before tampering). */
    record Parts(byte[] reportBcs, byte[] signature, byte[] publicKey, byte[] attestation, byte[] nonce) {
        static Parts of(JsonObject body) {
            return new Parts(
                    HEX.parseHex(body.get("reportBcs").getAsString()),
                    HEX.parseHex(body.get("signature").getAsString()),
                    HEX.parseHex(body.get("publicKey").getAsString()),
                    Base64.getDecoder().decode(body.get("attestation").getAsString()),
                    body.get("nonce").isJsonNull()
                            ? null
                            : HEX.parseHex(body.get("nonce").getAsString()));
        }
    }

    /** The attestation first (anchor, PCRs, freshness, key, nonce), then ReportVerifier (binding, signature, BCS). */
    static IntentMessage verify(
            AttestationVerifier verifier, Parts parts, byte[] expectedPublicKey, byte[] expectedNonce)
            throws VerificationException, ReportVerificationException {
        Expectations expectations = Expectations.none().withPublicKey(expectedPublicKey);
        if (expectedNonce != null) {
            expectations = expectations.withNonce(expectedNonce);
        }
        VerifiedAttestation attestation = verifier.verify(parts.attestation(), expectations);
        return ReportVerifier.verify(attestation, parts.reportBcs(), parts.signature())
                .message();
    }

    /** The JSON convenience view must say exactly what the signed bytes say. */
    static void assertViewMatches(JsonObject body, IntentMessage message) {
        JsonObject report = body.getAsJsonObject("report");
        assertEquals(message.intent(), report.get("intent").getAsInt());
        assertEquals(message.timestampMs(), report.get("timestampMs").getAsLong());
        JsonObject media = report.getAsJsonObject("media");
        assertArrayEquals(
                message.data().mediaSha256(), HEX.parseHex(media.get("sha256").getAsString()));
        assertEquals(message.data().mediaLength(), media.get("length").getAsLong());
        assertEquals(message.data().detectedType(), media.get("detectedType").getAsString());
        assertEquals(message.data().verdict().name(), report.get("verdict").getAsString());
        // Every member, nested ones included: the view is ReportJson's rendering of the signed bytes.
        assertEquals(ReportJson.view(message), report);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
