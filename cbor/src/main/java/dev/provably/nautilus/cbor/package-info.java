/**
 * Bounded CBOR decoding that refuses malformed, oversized or non-canonical input: a structural
 * pre-scan in front of cbor-java. Its API deliberately returns cbor-java's {@code DataItem}: this
 * module is a bounded front of that library, so callers (attestation, c2pa, the enclave's NSM
 * client) read the decoded tree with cbor-java's own types.
 */
package dev.provably.nautilus.cbor;
