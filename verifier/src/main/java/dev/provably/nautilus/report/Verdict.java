package dev.provably.nautilus.report;

/**
 * The caller's conclusion about the media. Encoded in BCS as a {@code u8} equal to the ordinal, so
 * the order of the constants is part of the signed format: never reorder, only append.
 */
public enum Verdict {
    AUTHENTIC,
    MANIPULATED,
    AI_GENERATED,
    INCONCLUSIVE
}
