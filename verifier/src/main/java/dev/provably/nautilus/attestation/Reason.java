package dev.provably.nautilus.attestation;

/** Why a document was rejected. The names are stable: tools print and match them. */
public enum Reason {
    /** Not CBOR, not the COSE_Sign1 shape, trailing bytes, impossible lengths or nesting too deep. */
    MALFORMED,
    /** Protected header not exactly {1: -35}; a key not on P-384; a certificate not signed with ecdsa-with-SHA384. */
    UNSUPPORTED_ALGORITHM,
    /** The COSE ES384 signature does not verify, or is not 96 bytes. */
    BAD_SIGNATURE,
    /** A payload field missing, null when mandatory, of the wrong type or size, duplicated, or no {@code pcrs}. */
    FIELD_INVALID,
    /** The chain does not lead to the trust anchor under the X.509 rules (issuer, signature, key usage, constraints). */
    UNTRUSTED_CHAIN,
    /** Some certificate is not valid at the verification time (compared in whole seconds). */
    CERTIFICATE_NOT_VALID_AT_TIME,
    /** PCR0 is all zero (a debug-mode enclave) and debug documents are not allowed. */
    DEBUG_ENCLAVE,
    /** An expected PCR is missing or different. */
    PCR_MISMATCH,
    /** The document timestamp is older than the maximum age. */
    STALE,
    /** The document timestamp is more than 30 seconds after the verification time. */
    FROM_FUTURE,
    /** The expected nonce is absent or different. */
    NONCE_MISMATCH,
    /** The expected public key is absent or different. */
    PUBLIC_KEY_MISMATCH
}
