package dev.provably.nautilus.enclave.local;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.attestation.VerificationException;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The local stand-in's key policy for {@code Decrypt} with a {@code Recipient}, the local twin of
 * the {@code kms:RecipientAttestation:PCR0..2} conditions: the attestation document must verify
 * (project verifier, NSM profile) against the development root, be at most five minutes old, not
 * come from a debug enclave and carry exactly the release's PCR0, PCR1 and PCR2; its public_key
 * must be an RSA-2048 key. The root is read at each call (the enclave creates it on first start,
 * possibly after this server).
 */
public final class RecipientPolicy {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int RSA_BITS = 2048;

    /** The policy does not allow this Decrypt; the message says which condition failed. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final Path devRoot;
    private final SortedMap<Integer, byte[]> pcrs;
    private final Clock clock;

    public RecipientPolicy(Path devRoot, Map<Integer, byte[]> pcrs, Clock clock) {
        this.devRoot = devRoot;
        this.pcrs = new TreeMap<>();
        pcrs.forEach((index, value) -> this.pcrs.put(index, value.clone()));
        this.clock = clock;
    }

    /** The policy of the release {@code artifact} is: its PCR0..2 as measured on this JVM. */
    public static RecipientPolicy ofArtifact(Path devRoot, Path artifact, Clock clock) throws IOException {
        LocalMeasurements measurements = LocalMeasurements.of(artifact, LocalMeasurements.runtimeIdentity());
        return new RecipientPolicy(
                devRoot, Map.of(0, measurements.pcr(0), 1, measurements.pcr(1), 2, measurements.pcr(2)), clock);
    }

    public String describe() {
        return "PCR0 " + HexFormat.of().formatHex(pcrs.get(0)).substring(0, 16) + "..., PCR1 and PCR2 of the release,"
                + " no debug enclave, attestation at most " + MAX_AGE.toMinutes() + " min old, RSA-" + RSA_BITS;
    }

    /** The recipient's RSA key, once every condition holds. */
    RSAPublicKey admit(byte[] attestationDocument) throws Refused {
        TrustAnchor anchor;
        try {
            anchor = TrustAnchor.fromPemFile(devRoot);
        } catch (IOException | RuntimeException e) {
            throw new Refused(
                    "no development root at " + devRoot + " to check the recipient attestation: " + e.getMessage());
        }
        AttestationVerifier verifier = AttestationVerifier.builder()
                .profile(Profile.NSM)
                .trustAnchor(anchor)
                .clock(clock)
                .maxAge(MAX_AGE)
                .allowDebug(false)
                .expectPcrs(pcrs)
                .build();
        VerifiedAttestation verified;
        try {
            verified = verifier.verify(attestationDocument);
        } catch (VerificationException e) {
            throw new Refused(
                    "recipient attestation refused by the key policy (" + e.reason() + "): " + e.getMessage());
        }
        byte[] publicKey =
                verified.publicKey().orElseThrow(() -> new Refused("the recipient attestation carries no public_key"));
        RSAPublicKey rsa;
        try {
            rsa = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKey));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new Refused("the recipient attestation's public_key is not a DER RSA public key");
        }
        if (rsa.getModulus().bitLength() != RSA_BITS) {
            throw new Refused("the recipient key is RSA-" + rsa.getModulus().bitLength() + "; only RSA-" + RSA_BITS
                    + " is accepted");
        }
        return rsa;
    }
}
