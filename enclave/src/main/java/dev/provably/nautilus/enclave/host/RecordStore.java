package dev.provably.nautilus.enclave.host;

import dev.provably.nautilus.enclave.identity.SealedIdentity;
import java.util.Optional;

/**
 * The parent's write-once store of sealed identity records behind {@code /v1/identity/<PCR0>}: a
 * directory on the parent's disk or an SSM parameter per release. Untrusted like every parent
 * store: it can lose, withhold or replay a record, never learn the seed.
 */
public interface RecordStore {

    /** The record for {@code release}, if any; a record that cannot be read is an error, not "none". */
    Optional<SealedIdentity> load(String release) throws RecordStoreException;

    /** Stores the record unless one exists for its release ({@link RecordStoreException.Kind#ALREADY_STORED}). */
    void saveOnce(SealedIdentity identity) throws RecordStoreException;

    /** Where the records live, for log lines. */
    String describe();
}
