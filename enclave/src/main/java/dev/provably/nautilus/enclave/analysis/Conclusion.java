package dev.provably.nautilus.enclave.analysis;

/**
 * The verdicts the {@link VerdictPolicy} can reach. The wording is deliberate: "declared" verdicts
 * rest on unsigned metadata that anyone can write, "likely" on a classifier's score.
 */
public enum Conclusion {
    /** Nothing conclusive: no declaration, no confident score, unsupported or unreadable media. */
    UNKNOWN,
    /** The file's own metadata declares generative AI (IPTC digital source type, generator text chunks). */
    AI_GENERATED_DECLARED,
    /** The image classifier's AI-generated score reached the policy's threshold. */
    LIKELY_AI_GENERATED,
    /** The file's own metadata declares a camera capture, and nothing points to AI. */
    CAPTURE_DECLARED
}
