package dev.provably.nautilus.enclave.parent;

/**
 * The parent's endpoint could not be used: unreachable, too slow, an error status, or an answer
 * that is too large or malformed. The parent is untrusted, so every one of these is a plain failure
 * the caller reports; none is ever taken as "no value".
 */
public final class ParentEndpointException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParentEndpointException(String message) {
        super(message);
    }

    public ParentEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
