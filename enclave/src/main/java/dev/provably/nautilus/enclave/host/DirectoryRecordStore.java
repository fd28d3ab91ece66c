package dev.provably.nautilus.enclave.host;

import dev.provably.nautilus.enclave.identity.FileIdentityStore;
import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Records on the parent's own disk ({@code --identity-dir}), one file per release. Lost with the host:
 * a replaced spot host starts without them (use {@link ParameterStoreRecordStore} to keep them).
 * Write-once here means check-then-write: the endpoint's worker pool is the only writer.
 */
public final class DirectoryRecordStore implements RecordStore {
    private final FileIdentityStore files;

    public DirectoryRecordStore(Path directory) {
        this.files = new FileIdentityStore(directory);
    }

    @Override
    public Optional<SealedIdentity> load(String release) throws RecordStoreException {
        try {
            return files.load(release);
        } catch (IdentityException e) {
            throw new RecordStoreException(RecordStoreException.Kind.FAILED, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void saveOnce(SealedIdentity identity) throws RecordStoreException {
        if (load(identity.release()).isPresent()) {
            throw new RecordStoreException(
                    RecordStoreException.Kind.ALREADY_STORED, "a sealed identity for this release is already stored");
        }
        try {
            files.save(identity);
        } catch (IdentityException e) {
            throw new RecordStoreException(RecordStoreException.Kind.FAILED, e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return files.describe();
    }
}
