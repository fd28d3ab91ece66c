package dev.provably.nautilus.c2pa;

import java.util.Optional;

/**
 * The claim signer, from the signing certificate.
 *
 * @param organization the subject's O (c2pa-rs calls it {@code issuer})
 * @param commonName the subject's CN
 * @param issuer the certificate issuer's distinguished name (RFC 2253)
 * @param algorithm the COSE algorithm name, e.g. {@code ES256}
 */
public record Signer(Optional<String> organization, Optional<String> commonName, String issuer, String algorithm) {}
