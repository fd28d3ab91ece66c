package dev.provably.nautilus.gate;

import dev.provably.nautilus.attestation.Reason;
import dev.provably.nautilus.report.ReportVerificationException;

/**
 * Why the gate refused an enclave response. Stable codes: the CLI prints them and callers may
 * branch on them. Failures of the attestation itself keep the attestation verifier's {@link Reason}
 * names.
 */
public enum GateReason {
    // From the attestation (same names as dev.provably.nautilus.attestation.Reason).
    MALFORMED,
    UNSUPPORTED_ALGORITHM,
    BAD_SIGNATURE,
    FIELD_INVALID,
    UNTRUSTED_CHAIN,
    CERTIFICATE_NOT_VALID_AT_TIME,
    DEBUG_ENCLAVE,
    PCR_MISMATCH,
    STALE,
    FROM_FUTURE,
    NONCE_MISMATCH,
    /** The attested public key is absent or differs from the response's {@code publicKey}. */
    PUBLIC_KEY_MISMATCH,

    // The gate's own checks.
    /** Not JSON, too large, a member missing, of the wrong type or badly encoded. */
    MALFORMED_RESPONSE,
    /** The attested public key is not a valid Ed25519 point. */
    PUBLIC_KEY_INVALID,
    /** The attested {@code user_data} is absent or not SHA-256 of {@code reportBcs}. */
    USER_DATA_MISMATCH,
    /** The Ed25519 signature over {@code reportBcs} does not verify under the attested key. */
    BAD_REPORT_SIGNATURE,
    /** {@code reportBcs} is signed but is not a valid BCS media report. */
    MALFORMED_REPORT,
    /** The signed intent scope is not the media-report intent. */
    UNEXPECTED_INTENT,
    /** The signed report is about other media than the backend sent (its SHA-256 differs). */
    MEDIA_MISMATCH,
    /** The report was produced by another analysis: its policy or analyzer identities are not the expected ones. */
    ANALYSIS_MISMATCH,
    /** The report's timestamp is too far from the attestation's or ahead of the gate's clock. */
    REPORT_TIME_SKEW,
    /** The {@code report} JSON view (or the echoed {@code nonce}) differs from what is signed and attested. */
    REPORT_VIEW_MISMATCH,
    /** This report was already accepted within its freshness window. */
    REPLAYED,
    /** The replay store is full of unexpired reports, so the report cannot be accepted safely. */
    REPLAY_STORE_FULL,
    /** A shared replay store could not be reached or answered, so the report cannot be accepted safely. */
    REPLAY_STORE_UNAVAILABLE;

    static GateReason of(Reason reason) {
        return switch (reason) {
            case MALFORMED -> MALFORMED;
            case UNSUPPORTED_ALGORITHM -> UNSUPPORTED_ALGORITHM;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case FIELD_INVALID -> FIELD_INVALID;
            case UNTRUSTED_CHAIN -> UNTRUSTED_CHAIN;
            case CERTIFICATE_NOT_VALID_AT_TIME -> CERTIFICATE_NOT_VALID_AT_TIME;
            case DEBUG_ENCLAVE -> DEBUG_ENCLAVE;
            case PCR_MISMATCH -> PCR_MISMATCH;
            case STALE -> STALE;
            case FROM_FUTURE -> FROM_FUTURE;
            case NONCE_MISMATCH -> NONCE_MISMATCH;
            case PUBLIC_KEY_MISMATCH -> PUBLIC_KEY_MISMATCH;
        };
    }

    static GateReason of(ReportVerificationException.Reason reason) {
        return switch (reason) {
            case PUBLIC_KEY_INVALID -> PUBLIC_KEY_INVALID;
            case USER_DATA_MISMATCH -> USER_DATA_MISMATCH;
            case BAD_REPORT_SIGNATURE -> BAD_REPORT_SIGNATURE;
            case MALFORMED_REPORT -> MALFORMED_REPORT;
            case UNEXPECTED_INTENT -> UNEXPECTED_INTENT;
        };
    }
}
