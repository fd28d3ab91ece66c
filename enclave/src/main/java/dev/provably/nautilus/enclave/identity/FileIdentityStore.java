package dev.provably.nautilus.enclave.identity;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Sealed identities as small JSON files {@code identity-<PCR0>.json} in a directory (local mode:
 * {@code .nautilus-local/identity}). Written to a temporary file and moved into place, so a crash
 * never leaves half a record; read strictly, with a size bound.
 */
public final class FileIdentityStore implements IdentityStore {
    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final Set<String> MEMBERS = Set.of("release", "ciphertext", "publicKey");

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
        try {
            JsonElement parsed = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !parsed.getAsJsonObject().keySet().equals(MEMBERS)) {
                throw new IdentityException("sealed identity " + file + " must be an object with exactly " + MEMBERS);
            }
            JsonObject object = parsed.getAsJsonObject();
            SealedIdentity identity = new SealedIdentity(object.get("release").getAsString(),
                    Base64.getDecoder().decode(object.get("ciphertext").getAsString()),
                    HexFormat.of().parseHex(object.get("publicKey").getAsString()));
            if (!identity.release().equals(release)) {
                throw new IdentityException("sealed identity " + file + " names another release: " + identity.release());
            }
            return Optional.of(identity);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IdentityException("sealed identity " + file + " is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(SealedIdentity identity) throws IdentityException {
        JsonObject object = new JsonObject();
        object.addProperty("release", identity.release());
        object.addProperty("ciphertext", Base64.getEncoder().encodeToString(identity.ciphertext()));
        object.addProperty("publicKey", HexFormat.of().formatHex(identity.publicKey()));
        Path file = file(identity.release());
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "identity-", ".tmp");
            try {
                Files.writeString(temporary, object + "\n", StandardCharsets.UTF_8);
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
        if (!release.matches("[0-9a-f]{96}")) {
            throw new IdentityException("release must be a PCR0 as 96 lowercase hex digits");
        }
        return directory.resolve("identity-" + release + ".json");
    }
}
