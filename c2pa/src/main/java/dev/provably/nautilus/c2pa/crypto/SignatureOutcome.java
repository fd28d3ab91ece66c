package dev.provably.nautilus.c2pa.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What checking a claim signature found.
 *
 * @param failures failure entries as {code, reason}
 * @param successes success entries as {code, reason}
 * @param informational entries that neither fail nor pass the manifest, as {code, reason} (as in
 *     c2pa-rs, a time stamp that does not verify only loses its time: the certificate is then
 *     checked at the current time)
 * @param signer the signing certificate, when it could be read
 * @param algorithm the COSE algorithm, when known
 * @param signingTime the verified time stamp's time, when there is one
 */
public record SignatureOutcome(
        List<String[]> failures,
        List<String[]> successes,
        List<String[]> informational,
        Optional<X509Certificate> signer,
        Optional<CoseAlgorithm> algorithm,
        Optional<Instant> signingTime) {
    public SignatureOutcome {
        failures = List.copyOf(failures);
        successes = List.copyOf(successes);
        informational = List.copyOf(informational);
    }
}
