package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Asserts a rejection and its reason, showing the verifier's message when the reason differs. */
final class Rejections {
    private Rejections() {}

    static VerificationException assertRejected(Reason expected, Executable call) {
        VerificationException e = assertThrows(VerificationException.class, call);
        assertEquals(expected, e.reason(), () -> "message: " + e.getMessage());
        return e;
    }
}
