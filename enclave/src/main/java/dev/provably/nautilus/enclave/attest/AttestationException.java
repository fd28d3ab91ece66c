package dev.provably.nautilus.enclave.attest;

/** The attestation source could not produce a document or entropy. */
public class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttestationException(String message) {
        super(message);
    }

    public AttestationException(String message, Throwable cause) {
        super(message, cause);
    }
}
