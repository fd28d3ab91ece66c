package dev.provably.nautilus.c2pa;

/** The overall outcome, with c2pa-rs's meaning of each state. */
public enum ValidationState {
    /** No manifest store, or one that could not be read at all. */
    NONE,
    /** The active manifest (or an ingredient manifest in the store) failed a check. */
    INVALID,
    /** Signature, hashed URIs and hard binding hold; the signer does not chain to a trust anchor. */
    VALID,
    /** Valid, and the signing certificate chains to a configured trust anchor. */
    TRUSTED
}
