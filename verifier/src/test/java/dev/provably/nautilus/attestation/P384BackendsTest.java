package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            assertEquals(AccpP384.load().isPresent() ? SignatureBackend.ACCP : SignatureBackend.BOUNCY_CASTLE,
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
            assertEquals(SignatureBackend.ACCP, P384Backends.only(SignatureBackend.ACCP).reported());
        }
    }
}
