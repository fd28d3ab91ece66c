package dev.provably.nautilus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.SignatureBackend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CLI's start-up choice of P-384 backend by the number of documents. */
class VerifyBackendChoiceTest {

    private static SignatureBackend chosenFor(int documents) {
        return VerifyCommand.withBackendFor(AttestationVerifier.builder().anyEnclaveImage(), documents)
                .build()
                .signatureBackend();
    }

    @Test
    @DisplayName("a few documents are verified with BouncyCastle, sparing ACCP's start-up")
    void fewDocuments() {
        assertEquals(SignatureBackend.BOUNCY_CASTLE, chosenFor(1));
        assertEquals(SignatureBackend.BOUNCY_CASTLE, chosenFor(VerifyCommand.ACCP_FROM_DOCUMENTS - 1));
    }

    @Test
    @DisplayName("from ACCP_FROM_DOCUMENTS on, the library's default (ACCP where it loads) runs")
    void manyDocuments() {
        assertEquals(
                AttestationVerifier.builder().anyEnclaveImage().build().signatureBackend(),
                chosenFor(VerifyCommand.ACCP_FROM_DOCUMENTS));
    }
}
