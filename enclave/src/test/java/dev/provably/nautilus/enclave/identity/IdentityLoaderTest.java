package dev.provably.nautilus.enclave.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.enclave.local.LocalKms;
import dev.provably.nautilus.enclave.local.LocalKmsFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up flow against the local KMS stand-in: seal once, unseal on every restart, fail closed. */
class IdentityLoaderTest {
    @TempDir
    Path directory;

    private LocalKmsFixture fixture;
    private FileIdentityStore store;
    private String release;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new LocalKmsFixture(directory, Clock.systemUTC());
        fixture.startKms(directory.resolve("kms"), fixture.releasePcrs(), Clock.systemUTC());
        store = new FileIdentityStore(directory.resolve("identity"));
        release = HexFormat.of().formatHex(fixture.pcr(0));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private IdentityLoader loader(AttestationSource source, boolean sealNewIfNone) {
        return new IdentityLoader(
                source, new KmsSealer(fixture.client(), LocalKms.KEY_ID), store, sealNewIfNone, new SecureRandom());
    }

    @Test
    @DisplayName(
            "the first enclave seals a new identity; a restarted one unseals the same key through Decrypt+Recipient")
    void sealsOnceThenUnsealsTheSameKey() throws Exception {
        IdentityLoader.Loaded first = loader(fixture.enclaveSource(), true).load(release);
        assertEquals(IdentityLoader.Outcome.SEALED, first.outcome());
        assertTrue(store.load(release).isPresent());

        IdentityLoader.Loaded restarted = loader(fixture.enclaveSource(), false).load(release);
        assertEquals(IdentityLoader.Outcome.UNSEALED, restarted.outcome());
        assertArrayEquals(first.key().publicKey(), restarted.key().publicKey());
        byte[] message = "same key".getBytes();
        assertArrayEquals(first.key().sign(message), restarted.key().sign(message));
        assertTrue(fixture.kmsLog().contains("Decrypt allowed for an attested recipient"), fixture.kmsLog());
    }

    @Test
    @DisplayName("with no record and no --seal-new-if-none the enclave refuses to mint an identity")
    void refusesToMintWithoutPermission() {
        IdentityException e = assertThrows(IdentityException.class, () -> loader(fixture.enclaveSource(), false)
                .load(release));
        assertTrue(e.getMessage().contains("refusing to mint"), e.getMessage());
        assertFalse(Files.exists(directory.resolve("identity")));
    }

    @Test
    @DisplayName(
            "an enclave with another PCR0 is refused by the key policy and does not mint a key, even when allowed to")
    void anotherReleaseIsRefused() throws Exception {
        loader(fixture.enclaveSource(), true).load(release);
        SealedIdentity before = store.load(release).orElseThrow();
        byte[] otherPcr0 = fixture.pcr(0);
        otherPcr0[0] ^= 1;
        AttestationSource other = fixture.sourceWith(Map.of(0, otherPcr0, 1, fixture.pcr(1), 2, fixture.pcr(2)));
        IdentityException e =
                assertThrows(IdentityException.class, () -> loader(other, true).load(release));
        assertTrue(
                e.getMessage().contains("AccessDeniedException")
                        && e.getMessage().contains("PCR"),
                e.getMessage());
        assertEquals(before, store.load(release).orElseThrow());
    }

    @Test
    @DisplayName("a debug enclave (all-zero PCRs) never unseals the release's key")
    void debugEnclaveIsRefused() throws Exception {
        loader(fixture.enclaveSource(), true).load(release);
        IdentityException e = assertThrows(IdentityException.class, () -> loader(fixture.sourceWith(Map.of()), false)
                .load(release));
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    }

    @Test
    @DisplayName("a corrupted stored ciphertext fails closed: InvalidCiphertext, no new key, the record left as it was")
    void corruptedCiphertextFailsClosed() throws Exception {
        SealedIdentity sealed =
                loader(fixture.enclaveSource(), true).load(release).sealed();
        byte[] ciphertext = sealed.ciphertext();
        ciphertext[ciphertext.length - 5] ^= 0x40;
        SealedIdentity corrupted = new SealedIdentity(release, ciphertext, sealed.publicKey());
        store.save(corrupted);
        IdentityException e = assertThrows(IdentityException.class, () -> loader(fixture.enclaveSource(), true)
                .load(release));
        assertTrue(e.getMessage().contains("InvalidCiphertextException"), e.getMessage());
        assertEquals(corrupted, store.load(release).orElseThrow());
    }

    @Test
    @DisplayName("a record whose public key was swapped by the parent is detected after unsealing")
    void swappedPublicKeyIsDetected() throws Exception {
        SealedIdentity sealed =
                loader(fixture.enclaveSource(), true).load(release).sealed();
        byte[] otherKey = sealed.publicKey();
        otherKey[0] ^= 1;
        store.save(new SealedIdentity(release, sealed.ciphertext(), otherKey));
        IdentityException e = assertThrows(IdentityException.class, () -> loader(fixture.enclaveSource(), false)
                .load(release));
        assertTrue(e.getMessage().contains("was altered"), e.getMessage());
    }

    @Test
    @DisplayName("a ciphertext sealed for one release does not decrypt under another release's encryption context")
    void ciphertextIsBoundToItsRelease() throws Exception {
        SealedIdentity sealed =
                loader(fixture.enclaveSource(), true).load(release).sealed();
        String otherRelease = "0".repeat(95) + "1";
        store.save(new SealedIdentity(otherRelease, sealed.ciphertext(), sealed.publicKey()));
        IdentityException e = assertThrows(IdentityException.class, () -> loader(fixture.enclaveSource(), false)
                .load(otherRelease));
        assertTrue(e.getMessage().contains("InvalidCiphertextException"), e.getMessage());
    }
}
