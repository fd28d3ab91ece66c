package dev.provably.nautilus.attestation;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

/**
 * docs/attestation-rules.md P1–P4 and T3: debug mode, expected PCRs, freshness (inclusive bounds,
 * millisecond precision) and the caller's nonce and public key. Values are compared in constant
 * time. Immutable.
 */
final class PolicyCheck {
    /** How far the document timestamp may lie after the verification time (inclusive). */
    static final Duration FUTURE_ALLOWANCE = Duration.ofSeconds(30);

    private final boolean allowDebug;
    private final SortedMap<Integer, byte[]> expectedPcrs;
    private final Duration maxAge;

    /** {@code expectedPcrs} must already be an unmodifiable map of private copies. */
    PolicyCheck(boolean allowDebug, SortedMap<Integer, byte[]> expectedPcrs, Duration maxAge) {
        this.allowDebug = allowDebug;
        this.expectedPcrs = expectedPcrs;
        this.maxAge = maxAge;
    }

    void requireDebugAndPcrs(AttestationPayload payload) throws VerificationException {
        if (payload.debug() && !allowDebug) {
            throw new VerificationException(
                    Reason.DEBUG_ENCLAVE, "PCR0 is all zero (debug-mode enclave) and debug documents are not allowed");
        }
        for (Map.Entry<Integer, byte[]> expected : expectedPcrs.entrySet()) {
            byte[] actual = payload.pcrs.get(expected.getKey());
            if (actual == null) {
                throw new VerificationException(
                        Reason.PCR_MISMATCH, "expected PCR" + expected.getKey() + " is missing from the document");
            }
            if (!MessageDigest.isEqual(actual, expected.getValue())) {
                throw new VerificationException(
                        Reason.PCR_MISMATCH, "PCR" + expected.getKey() + " differs from the expected value");
            }
        }
    }

    void requireFresh(AttestationPayload payload, long nowMillis) throws VerificationException {
        long ageMillis = saturatingSubtract(nowMillis, payload.timestampMillis);
        if (ageMillis > 0 && Duration.ofMillis(ageMillis).compareTo(maxAge) > 0) {
            throw new VerificationException(
                    Reason.STALE,
                    "document is " + Duration.ofMillis(ageMillis) + " old, more than the maximum age " + maxAge);
        }
        if (ageMillis < 0 && Duration.ofMillis(ageMillis).negated().compareTo(FUTURE_ALLOWANCE) > 0) {
            throw new VerificationException(
                    Reason.FROM_FUTURE,
                    "document timestamp is "
                            + Duration.ofMillis(ageMillis).negated() + " after the verification time, more than "
                            + FUTURE_ALLOWANCE);
        }
    }

    static void requireExpectations(AttestationPayload payload, Expectations expectations)
            throws VerificationException {
        byte[] nonce = expectations.nonce().orElse(null);
        if (nonce != null && (payload.nonce == null || !MessageDigest.isEqual(payload.nonce, nonce))) {
            throw new VerificationException(
                    Reason.NONCE_MISMATCH,
                    payload.nonce == null
                            ? "document carries no nonce"
                            : "document nonce differs from the expected one");
        }
        byte[] publicKey = expectations.publicKey().orElse(null);
        if (publicKey != null && (payload.publicKey == null || !MessageDigest.isEqual(payload.publicKey, publicKey))) {
            throw new VerificationException(
                    Reason.PUBLIC_KEY_MISMATCH,
                    payload.publicKey == null
                            ? "document carries no public_key"
                            : "document public_key differs from the expected one");
        }
    }

    private static long saturatingSubtract(long a, long b) {
        long difference = a - b;
        // Overflow happened iff the operands had different signs and the result's sign differs from a's.
        if (((a ^ b) & (a ^ difference)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }
}
