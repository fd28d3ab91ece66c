package dev.provably.nautilus.sui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The backend's own record of the enclave keys it has registered on Sui, so that the registration
 * payload (an on-chain attestation check, about 13 million gas units of computation) is produced
 * once per identity, not once per report. A local record, not the chain: record a key after the
 * registration transaction has landed ({@link #record}). One lower-case hex key per line; {@code #}
 * starts a comment. Immutable; {@link #record} writes a new file atomically.
 */
public final class RegisteredEnclaves {
    /** Largest record file read: about 10,000 keys. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Set<String> keys;

    private RegisteredEnclaves(Set<String> keys) {
        this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }

    /** No key registered yet. */
    public static RegisteredEnclaves none() {
        return new RegisteredEnclaves(Set.of());
    }

    /**
     * Reads a record file; a missing file is an empty record.
     *
     * @throws IOException if the file cannot be read, is larger than 1 MiB, or has a line that is not a key
     */
    public static RegisteredEnclaves read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return none();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        Set<String> keys = new LinkedHashSet<>();
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!KEY.matcher(line).matches()) {
                throw new IOException(file + ":" + (i + 1) + ": not a 32-byte Ed25519 key in lower-case hex");
            }
            keys.add(line);
        }
        return new RegisteredEnclaves(keys);
    }

    /** Whether {@code publicKey} (32 bytes) is recorded as registered. */
    public boolean contains(byte[] publicKey) {
        return keys.contains(HexFormat.of().formatHex(publicKey));
    }

    /** The recorded keys, in file order. */
    public Set<String> keys() {
        return keys;
    }

    /** Adds {@code publicKey} to the record in {@code file} (created if missing), atomically; returns the new record. */
    public static RegisteredEnclaves record(Path file, byte[] publicKey) throws IOException {
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an enclave key is 32 bytes");
        }
        RegisteredEnclaves current = read(file);
        Set<String> keys = new LinkedHashSet<>(current.keys);
        keys.add(HexFormat.of().formatHex(publicKey));
        Path parent = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, String.join("\n", keys) + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new RegisteredEnclaves(keys);
    }
}
