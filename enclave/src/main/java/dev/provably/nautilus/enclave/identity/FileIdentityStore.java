package dev.provably.nautilus.enclave.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Sealed identities as small JSON files {@code identity-<PCR0>.json} in a directory (local mode:
 * {@code .nautilus-local/identity}). Written to a temporary file and moved into place, so a crash
 * never leaves half a record; read strictly, with a size bound.
 */
public final class FileIdentityStore implements IdentityStore {
    private static final int MAX_FILE_BYTES = SealedIdentityJson.MAX_BYTES;

    private final Path directory;

    public FileIdentityStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<SealedIdentity> load(String release) throws IdentityException {
        Path file = file(release);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IdentityException("cannot read the sealed identity " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IdentityException("sealed identity " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Optional.of(SealedIdentityJson.decode(bytes, release, file.toString()));
    }

    @Override
    public void save(SealedIdentity identity) throws IdentityException {
        Path file = file(identity.release());
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "identity-", ".tmp");
            try {
                Files.writeString(temporary, SealedIdentityJson.encode(identity), StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IdentityException("cannot store the sealed identity in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    private Path file(String release) throws IdentityException {
        if (!SealedIdentityJson.isRelease(release)) {
            throw new IdentityException("release must be a PCR0 as 96 lowercase hex digits");
        }
        return directory.resolve("identity-" + release + ".json");
    }
}
