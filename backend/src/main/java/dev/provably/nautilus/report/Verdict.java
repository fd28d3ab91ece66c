package dev.provably.nautilus.report;

import java.util.Optional;

/**
 * The verdict the enclave's policy reached. This is the one numbering of verdicts: the BCS report,
 * the JSON view, the Move contract (REPORTS.md) and the enclave's policy all use {@link #code()}.
 * Codes are part of the signed format: never renumber, only add.
 *
 * <p>The wording is deliberate: "declared" verdicts rest on metadata in the file, which anyone can
 * write; "likely" rests on a classifier's score.
 */
public enum Verdict {
    /** Nothing conclusive: no declaration, no confident score, unsupported or unreadable media. */
    UNKNOWN(0),
    /** The file's own metadata declares generative AI (IPTC digital source type, generator text chunks). */
    AI_GENERATED_DECLARED(1),
    /** The image classifier's AI-generated score reached the policy's threshold. */
    LIKELY_AI_GENERATED(2),
    /** The file's own metadata declares a camera capture, and nothing points to AI. */
    CAPTURE_DECLARED(3),
    /** The file carries C2PA Content Credentials that do not validate: changed after signing, or a bad claim. */
    C2PA_INVALID(4);

    private final int code;

    Verdict(int code) {
        this.code = code;
    }

    /** The {@code u8} this verdict is signed as. */
    public int code() {
        return code;
    }

    /** The verdict signed as {@code code}, if there is one. */
    public static Optional<Verdict> fromCode(int code) {
        for (Verdict v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
