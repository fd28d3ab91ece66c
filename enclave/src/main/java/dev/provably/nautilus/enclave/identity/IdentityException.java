package dev.provably.nautilus.enclave.identity;

/**
 * The enclave identity could not be sealed, stored or unsealed. The message is the log line an
 * operator reads: what failed and what to do; an enclave that gets one exits rather than mint a key.
 */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
