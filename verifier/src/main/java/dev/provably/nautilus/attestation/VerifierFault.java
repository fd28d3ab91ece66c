package dev.provably.nautilus.attestation;

/**
 * The verifier itself failed: a bug, a broken platform or a misconfigured clock, not a property of
 * the document. Nothing was verified. Unlike a {@link VerificationException} (a document rejected
 * by a rule) it is unchecked, so it is never mistaken for a verdict: a caller that handles only
 * rejections lets it propagate and fails closed.
 */
public final class VerifierFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VerifierFault(String message, Throwable cause) {
        super(message, cause);
    }
}
