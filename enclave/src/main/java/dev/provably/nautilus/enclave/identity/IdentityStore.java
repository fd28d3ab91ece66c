package dev.provably.nautilus.enclave.identity;

import java.util.Optional;

/**
 * Where the parent keeps sealed identities, one per release (PCR0). Untrusted: it can lose, refuse
 * or replay a record, never learn the seed (the enclave checks what it unseals against the record's
 * public key, and KMS releases the seed only to an enclave of that release).
 */
public interface IdentityStore {

    /** The identity sealed for {@code release}, if any; a record that cannot be read is an error, not "none". */
    Optional<SealedIdentity> load(String release) throws IdentityException;

    void save(SealedIdentity identity) throws IdentityException;

    /** Where the records live, for log lines. */
    String describe();
}
