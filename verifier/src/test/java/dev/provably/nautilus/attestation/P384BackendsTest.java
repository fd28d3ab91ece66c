package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Choosing the P-384 backend. */
class P384BackendsTest {

    @Test
    @DisplayName("ACCP loads where its native library is shipped (linux x86_64), and is then the default")
    void accpLoadsOnLinuxX86() {
        if (Backends.accpExpected()) {
            assertTrue(AccpP384.load().isPresent(), "ACCP is on the test class path but did not load");
            assertEquals(SignatureBackend.ACCP, P384Backends.fastest().reported());
            assertEquals(SignatureBackend.ACCP, P384Backends.fastest().caKeys().id());
        } else {
            assertEquals(
                    AccpP384.load().isPresent() ? SignatureBackend.ACCP : SignatureBackend.BOUNCY_CASTLE,
                    P384Backends.fastest().reported());
        }
    }

    @Test
    @DisplayName("BouncyCastle can always be forced")
    void bouncyCastleForced() {
        P384Backends backends = P384Backends.only(SignatureBackend.BOUNCY_CASTLE);
        assertEquals(SignatureBackend.BOUNCY_CASTLE, backends.leafKeys().id());
        assertEquals(SignatureBackend.BOUNCY_CASTLE, backends.caKeys().id());
    }

    @Test
    @DisplayName("a forced ACCP that is not available is a setup error, not a silent fallback")
    void forcedAccpMustLoad() {
        if (AccpP384.load().isEmpty()) {
            assertThrows(IllegalStateException.class, () -> P384Backends.only(SignatureBackend.ACCP));
        } else {
            assertEquals(
                    SignatureBackend.ACCP,
                    P384Backends.only(SignatureBackend.ACCP).reported());
        }
    }

    @Test
    @DisplayName("every backend's SHA-384 is SHA-384 (FIPS 180-4 test vector \"abc\", and a long input)")
    void everyBackendDigestsAlike() throws Exception {
        byte[] abc = "abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] large = new byte[100_003];
        new java.util.Random(7).nextBytes(large);
        byte[] reference = MessageDigest.getInstance("SHA-384").digest(large);
        P384Backend[] backends = AccpP384.load().isPresent()
                ? new P384Backend[] {BouncyCastleP384.INSTANCE, AccpP384.load().orElseThrow()}
                : new P384Backend[] {BouncyCastleP384.INSTANCE};
        if (Backends.accpExpected()) {
            assertEquals(2, backends.length, "ACCP is expected here");
        }
        for (P384Backend backend : backends) {
            assertEquals(
                    "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
                    HexFormat.of().formatHex(backend.sha384().digest(abc)),
                    backend.id().name());
            assertTrue(
                    MessageDigest.isEqual(reference, backend.sha384().digest(large)),
                    backend.id().name());
        }
    }
}
