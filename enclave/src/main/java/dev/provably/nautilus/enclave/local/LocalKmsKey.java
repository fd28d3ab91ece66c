package dev.provably.nautilus.enclave.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local KMS stand-in's one symmetric key: AES-256, kept in {@code key.bin} (owner-only) so
 * ciphertexts survive restarts. Ciphertext blob: {@code "NLK1" | 12-byte IV | AES-GCM(plaintext)}
 * with the encryption context (sorted {@code key=value} lines) as additional data, so a blob only
 * decrypts with the context it was sealed with, as in KMS.
 */
final class LocalKmsKey {
    private static final byte[] MAGIC = "NLK1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;

    /** The blob is not one of ours, or its context or bytes were changed. */
    static final class InvalidCiphertext extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidCiphertext(String message) {
            super(message);
        }
    }

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private LocalKmsKey(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    static LocalKmsKey loadOrCreate(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("key.bin");
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path temporary = Files.createTempFile(
                    directory,
                    "key-",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temporary, fresh);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != 32) {
            throw new IOException(file + " must hold a 32-byte AES key, has " + bytes.length + " bytes");
        }
        return new LocalKmsKey(bytes);
    }

    byte[] encrypt(byte[] plaintext, Map<String, String> context) throws GeneralSecurityException {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(aad(context));
        byte[] sealed = cipher.doFinal(plaintext);
        return ByteBuffer.allocate(MAGIC.length + IV_LENGTH + sealed.length)
                .put(MAGIC)
                .put(iv)
                .put(sealed)
                .array();
    }

    byte[] decrypt(byte[] blob, Map<String, String> context) throws InvalidCiphertext {
        if (blob.length < MAGIC.length + IV_LENGTH + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new InvalidCiphertext("the ciphertext is not a blob of this key");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, MAGIC.length, IV_LENGTH));
            cipher.updateAAD(aad(context));
            return cipher.doFinal(blob, MAGIC.length + IV_LENGTH, blob.length - MAGIC.length - IV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new InvalidCiphertext(
                    "the ciphertext or its encryption context does not match (" + e.getMessage() + ")");
        }
    }

    private static byte[] aad(Map<String, String> context) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(context)
                .forEach((name, value) ->
                        text.append(name).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
