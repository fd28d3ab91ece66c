package dev.provably.nautilus.report;

/** A report is not bound to its attestation, not signed by the attested key, or not well formed. */
public final class ReportVerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a report was refused. The names are stable and part of the API. */
    public enum Reason {
        /** The attestation has no {@code public_key}, or it is not a valid 32-byte Ed25519 key. */
        PUBLIC_KEY_INVALID,
        /** The attestation has no {@code user_data}, or it is not SHA-256 of the signed bytes. */
        USER_DATA_MISMATCH,
        /** The signature is not 64 bytes or does not verify under the attested key. */
        BAD_REPORT_SIGNATURE,
        /** The signed bytes are not the exact BCS encoding of a valid {@link IntentMessage}. */
        MALFORMED_REPORT,
        /** The intent scope is not {@link IntentMessage#MEDIA_REPORT_INTENT}. */
        UNEXPECTED_INTENT
    }

    private final Reason reason;

    ReportVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
