package dev.provably.nautilus.report;

import static dev.provably.nautilus.report.ReportVerificationException.Reason.BAD_REPORT_SIGNATURE;
import static dev.provably.nautilus.report.ReportVerificationException.Reason.MALFORMED_REPORT;
import static dev.provably.nautilus.report.ReportVerificationException.Reason.PUBLIC_KEY_INVALID;
import static dev.provably.nautilus.report.ReportVerificationException.Reason.UNEXPECTED_INTENT;
import static dev.provably.nautilus.report.ReportVerificationException.Reason.USER_DATA_MISMATCH;

import dev.provably.nautilus.attestation.VerifiedAttestation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Checks a signed report against an already verified attestation, in this order: the attestation's
 * {@code public_key} is a 32-byte Ed25519 key; its {@code user_data} is SHA-256 of the signed
 * bytes; the Ed25519 signature verifies; the bytes decode as an {@link IntentMessage}; the intent
 * is {@link IntentMessage#MEDIA_REPORT_INTENT}. Stateless and thread-safe.
 *
 * <p>The attestation itself (chain, PCRs, freshness, nonce) must have been verified by an {@code
 * AttestationVerifier}: that is the only way to obtain a {@link VerifiedAttestation}.
 */
public final class ReportVerifier {
    private ReportVerifier() {}

    /**
     * Verifies {@code signature} over {@code signedBytes} under the key {@code attestation} binds.
     *
     * @throws ReportVerificationException with the first failing check's reason
     */
    public static VerifiedReport verify(VerifiedAttestation attestation, byte[] signedBytes, byte[] signature)
            throws ReportVerificationException {
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(signedBytes, "signedBytes");
        Objects.requireNonNull(signature, "signature");

        byte[] publicKey = attestation
                .publicKey()
                .orElseThrow(() -> fail(PUBLIC_KEY_INVALID, "the attestation carries no public_key"));
        if (publicKey.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw fail(
                    PUBLIC_KEY_INVALID,
                    "the attested public_key must be a raw 32-byte Ed25519 key, got " + publicKey.length + " bytes");
        }
        Ed25519PublicKeyParameters key;
        try {
            key = Ed25519.publicKey(publicKey);
        } catch (IllegalArgumentException e) {
            throw fail(PUBLIC_KEY_INVALID, "the attested public_key is not a valid Ed25519 point");
        }

        byte[] userData = attestation
                .userData()
                .orElseThrow(() -> fail(USER_DATA_MISMATCH, "the attestation carries no user_data"));
        if (!MessageDigest.isEqual(userData, sha256(signedBytes))) {
            throw fail(USER_DATA_MISMATCH, "the attested user_data is not SHA-256 of the report bytes");
        }

        if (signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw fail(
                    BAD_REPORT_SIGNATURE,
                    "an Ed25519 signature is " + Ed25519.SIGNATURE_LENGTH + " bytes, got " + signature.length);
        }
        if (!Ed25519.verify(key, signedBytes, signature)) {
            throw fail(BAD_REPORT_SIGNATURE, "the report signature does not verify under the attested key");
        }

        IntentMessage message;
        try {
            message = IntentMessage.fromBcs(signedBytes);
        } catch (MalformedReportException e) {
            throw fail(MALFORMED_REPORT, "the signed bytes are not a media report: " + e.getMessage());
        }
        if (message.intent() != IntentMessage.MEDIA_REPORT_INTENT) {
            throw fail(
                    UNEXPECTED_INTENT,
                    "intent " + message.intent() + " is not the media-report intent "
                            + IntentMessage.MEDIA_REPORT_INTENT);
        }
        return new VerifiedReport(message, signedBytes, signature, publicKey, attestation);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static ReportVerificationException fail(ReportVerificationException.Reason reason, String message) {
        return new ReportVerificationException(reason, message);
    }
}
