package dev.provably.nautilus.enclave.cbor;

/** Input is not CBOR of the accepted subset; the message says what and where. */
public final class CborException extends Exception {
    private static final long serialVersionUID = 1L;

    public CborException(String message) {
        super(message);
    }
}
