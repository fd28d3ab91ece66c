package dev.provably.nautilus.attestation;

import java.util.Objects;

/** The only exception verification throws: the document is rejected, for {@link #reason()}. */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    VerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    VerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "VerificationException[" + reason + "]: " + getMessage();
    }
}
