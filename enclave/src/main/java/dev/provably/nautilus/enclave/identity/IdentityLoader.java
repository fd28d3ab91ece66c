package dev.provably.nautilus.enclave.identity;

import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.signing.EnclaveKey;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The enclave's identity at start: the release's sealed seed, unsealed through KMS, or (only when
 * the store has none for this release and the operator allowed it) a new seed that KMS generates and
 * releases only to this attested enclave.
 * A record that exists but cannot be unsealed is an error: a new key would silently orphan the one
 * registered on Sui, so that takes the operator's decision, never the enclave's.
 */
public final class IdentityLoader {

    /** What start-up did: {@code UNSEALED} an existing identity or {@code SEALED} a new one. */
    public enum Outcome {
        UNSEALED,
        SEALED
    }

    public record Loaded(EnclaveKey key, Outcome outcome, SealedIdentity sealed) {}

    private final AttestationSource source;
    private final KmsSealer sealer;
    private final IdentityStore store;
    private final boolean sealNewIfNone;
    private final SecureRandom random;

    public IdentityLoader(
            AttestationSource source,
            KmsSealer sealer,
            IdentityStore store,
            boolean sealNewIfNone,
            SecureRandom random) {
        this.source = Objects.requireNonNull(source, "source");
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.store = Objects.requireNonNull(store, "store");
        this.sealNewIfNone = sealNewIfNone;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @param release this enclave's own PCR0 (hex), as measured by its attestation source */
    public Loaded load(String release) throws IdentityException {
        Optional<SealedIdentity> stored = store.load(release);
        if (stored.isPresent()) {
            return new Loaded(unseal(stored.get()), Outcome.UNSEALED, stored.get());
        }
        if (!sealNewIfNone) {
            throw new IdentityException("no sealed identity for release " + release.substring(0, 16) + "... in "
                    + store.describe() + "; refusing to mint a new one (start with --seal-new-if-none for the"
                    + " first enclave of a release)");
        }
        return sealNew(release);
    }

    private EnclaveKey unseal(SealedIdentity sealed) throws IdentityException {
        RecipientKey recipient = RecipientKey.generate(random);
        byte[] seed = sealer.unseal(sealed.ciphertext(), sealed.release(), recipientDocument(recipient), recipient);
        EnclaveKey key = keyFrom(seed);
        if (!MessageDigest.isEqual(key.publicKey(), sealed.publicKey())) {
            throw new IdentityException("the unsealed seed derives another public key than the stored record says;"
                    + " the record in " + store.describe() + " was altered");
        }
        return key;
    }

    private Loaded sealNew(String release) throws IdentityException {
        RecipientKey recipient = RecipientKey.generate(random);
        KmsSealer.Sealed generated = sealer.generate(release, recipientDocument(recipient), recipient);
        EnclaveKey key = keyFrom(generated.seed());
        SealedIdentity sealed = new SealedIdentity(release, generated.ciphertext(), key.publicKey());
        store.save(sealed);
        return new Loaded(key, Outcome.SEALED, sealed);
    }

    /** A document of its own, binding only the RSA key: never the one that binds the Ed25519 key. */
    private byte[] recipientDocument(RecipientKey recipient) throws IdentityException {
        try {
            return source.attest(recipient.publicKeyDer(), null, null);
        } catch (AttestationException e) {
            throw new IdentityException("cannot attest the recipient key for KMS: " + e.getMessage(), e);
        }
    }

    private static EnclaveKey keyFrom(byte[] seed) throws IdentityException {
        if (seed.length != EnclaveKey.SEED_LENGTH) {
            Arrays.fill(seed, (byte) 0);
            throw new IdentityException(
                    "KMS released " + seed.length + " bytes, not a " + EnclaveKey.SEED_LENGTH + "-byte Ed25519 seed");
        }
        return EnclaveKey.fromSeed(seed);
    }
}
