package dev.provably.nautilus.enclave.client;

/** A step of the local client failed; the message says which step and why, for a person to read. */
public final class LocalClientException extends Exception {
    private static final long serialVersionUID = 1L;

    public LocalClientException(String message) {
        super(message);
    }

    public LocalClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
