package dev.provably.nautilus.report;

import static dev.provably.nautilus.report.BcsTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.SyntheticNitro;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ReportVerifier")
class ReportVerifierTest {
    private static final Instant NOW = Instant.ofEpochMilli(ReportFixtures.SAMPLE_TIMESTAMP_MS + 1_000);
    private static final SyntheticNitro.Authority CA = SyntheticNitro.authority(NOW.minus(Duration.ofDays(1)));
    private static final AttestationVerifier VERIFIER = AttestationVerifier.builder()
            .anyEnclaveImage()
            .trustAnchor(TrustAnchor.of(CA.rootCertificate()))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();

    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new byte[32], 0);
    private final byte[] publicKey = key.generatePublicKey().getEncoded();
    private final byte[] bytes = ReportFixtures.sample().toBcs();
    private final byte[] signature = sign(bytes);

    private byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** An attestation binding {@code publicKey} and SHA-256 of {@code bytes}, then changed. */
    private VerifiedAttestation attestation(UnaryOperator<SyntheticNitro.DocumentBuilder> change)
            throws VerificationException {
        SyntheticNitro.DocumentBuilder document =
                CA.document(NOW.minusSeconds(1)).publicKey(publicKey).userData(ReportVerifier.sha256(bytes));
        return VERIFIER.verify(change.apply(document).build());
    }

    private void assertRefused(
            ReportVerificationException.Reason reason, VerifiedAttestation attestation, byte[] message, byte[] sig) {
        ReportVerificationException e =
                assertThrows(ReportVerificationException.class, () -> ReportVerifier.verify(attestation, message, sig));
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    @DisplayName("verifies a report signed by the attested key and bound in user_data")
    void verifies() throws Exception {
        VerifiedAttestation attestation = attestation(UnaryOperator.identity());
        VerifiedReport report = ReportVerifier.verify(attestation, bytes, signature);
        assertEquals(ReportFixtures.sample(), report.message());
        assertArrayEquals(bytes, report.signedBytes());
        assertArrayEquals(signature, report.signature());
        assertArrayEquals(publicKey, report.publicKey());
        assertEquals(attestation, report.attestation());
    }

    @Test
    @DisplayName("copies its byte arrays in and out")
    void copies() throws Exception {
        byte[] message = bytes.clone();
        VerifiedReport report = ReportVerifier.verify(attestation(UnaryOperator.identity()), message, signature);
        message[0] = 9;
        report.signedBytes()[1] = 9;
        assertArrayEquals(bytes, report.signedBytes());
    }

    @Test
    @DisplayName("PUBLIC_KEY_INVALID: no public key, not 32 bytes, or not a curve point")
    void publicKeyInvalid() throws Exception {
        assertRefused(
                ReportVerificationException.Reason.PUBLIC_KEY_INVALID,
                attestation(d -> d.publicKey(null)),
                bytes,
                signature);
        assertRefused(
                ReportVerificationException.Reason.PUBLIC_KEY_INVALID,
                attestation(d -> d.publicKey(Arrays.copyOf(publicKey, 33))),
                bytes,
                signature);
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertRefused(
                ReportVerificationException.Reason.PUBLIC_KEY_INVALID,
                attestation(d -> d.publicKey(identity)),
                bytes,
                signature);
    }

    @Test
    @DisplayName("USER_DATA_MISMATCH: no user_data, or the digest of other bytes")
    void userData() throws Exception {
        assertRefused(
                ReportVerificationException.Reason.USER_DATA_MISMATCH,
                attestation(d -> d.userData(null)),
                bytes,
                signature);
        assertRefused(
                ReportVerificationException.Reason.USER_DATA_MISMATCH,
                attestation(d -> d.userData(new byte[32])),
                bytes,
                signature);
        byte[] changed = bytes.clone();
        changed[changed.length - 1] = 0;
        assertRefused(
                ReportVerificationException.Reason.USER_DATA_MISMATCH,
                attestation(UnaryOperator.identity()),
                changed,
                signature);
    }

    @Test
    @DisplayName("BAD_REPORT_SIGNATURE: wrong length, changed bytes, or another key's signature")
    void signature() throws Exception {
        VerifiedAttestation attestation = attestation(UnaryOperator.identity());
        assertRefused(
                ReportVerificationException.Reason.BAD_REPORT_SIGNATURE,
                attestation,
                bytes,
                Arrays.copyOf(signature, 65));
        byte[] flipped = signature.clone();
        flipped[63] ^= 1;
        assertRefused(ReportVerificationException.Reason.BAD_REPORT_SIGNATURE, attestation, bytes, flipped);
        Ed25519Signer other = new Ed25519Signer();
        byte[] otherSeed = new byte[32];
        otherSeed[0] = 1;
        other.init(true, new Ed25519PrivateKeyParameters(otherSeed, 0));
        other.update(bytes, 0, bytes.length);
        assertRefused(
                ReportVerificationException.Reason.BAD_REPORT_SIGNATURE, attestation, bytes, other.generateSignature());
    }

    @Test
    @DisplayName("MALFORMED_REPORT and UNEXPECTED_INTENT: checked only after the signature")
    void content() throws Exception {
        byte[] garbage = {1, 2, 3};
        VerifiedAttestation garbageAttestation = attestation(d -> d.userData(ReportVerifier.sha256(garbage)));
        assertRefused(ReportVerificationException.Reason.MALFORMED_REPORT, garbageAttestation, garbage, sign(garbage));

        byte[] otherIntent = bytes.clone();
        otherIntent[0] = 3;
        VerifiedAttestation intentAttestation = attestation(d -> d.userData(ReportVerifier.sha256(otherIntent)));
        assertRefused(
                ReportVerificationException.Reason.UNEXPECTED_INTENT,
                intentAttestation,
                otherIntent,
                sign(otherIntent));
    }

    @Test
    @DisplayName("a genuine Nautilus attestation binds its key but no user_data, so it cannot vouch for a report")
    void genuineNautilusDocument() throws Exception {
        byte[] document;
        try (InputStream in = getClass().getResourceAsStream("/vectors/nautilus-20250415-weather.cbor")) {
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        VerifiedAttestation attestation = AttestationVerifier.builder()
                .anyEnclaveImage()
                .clock(Clock.fixed(Instant.ofEpochMilli(1744684007462L), ZoneOffset.UTC))
                .build()
                .verify(document);
        // Nautilus weather example (move/weather-example test_weather_flow): BCS and signature.
        byte[] weather = hex("00a0743a37960100000d53616e204672616e636973636f0d00000000000000");
        byte[] weatherSignature = hex("77b6d8be225440d00f3d6eb52e91076a8927cebfb520e58c19daf31ecf06b379"
                + "8ec3d3ce9630a9eceee46d24f057794a60dd781657cb06d952269cfc5ae19500");
        assertArrayEquals(
                hex("e8e62201dbe293b703c759f653107acbc2c911fa1d2e66f2c747bec95971a2af"),
                attestation.publicKey().orElseThrow());
        assertRefused(ReportVerificationException.Reason.USER_DATA_MISMATCH, attestation, weather, weatherSignature);
    }
}
