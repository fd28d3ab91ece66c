package dev.provably.nautilus.c2pa;

/**
 * One validation status entry, as the C2PA specification names them.
 *
 * @param code the specification's code, e.g. {@code claimSignature.validated}
 * @param url the JUMBF URI (or manifest label) the entry is about
 * @param explanation a short human-readable reason
 */
public record StatusCode(String code, String url, String explanation) {}
