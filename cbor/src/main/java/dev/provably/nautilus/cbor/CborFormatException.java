package dev.provably.nautilus.cbor;

import java.util.Objects;

/**
 * The input is not exactly one well-formed CBOR item within the caller's {@link BoundedCbor.Limits}.
 * {@link #problem()} states what is wrong as a phrase that follows the name of the input ("is
 * truncated", "has a duplicate map key at offset 7"), so callers can report it under their own
 * name for the input; {@link #getMessage()} reads "CBOR input " followed by that phrase.
 */
public final class CborFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The two kinds of problem callers may want to report differently. */
    public enum Kind {
        /** Ill-formed, truncated, trailing bytes, beyond the limits, or outside the accepted subset. */
        MALFORMED,
        /** A map holds the same key twice, compared by value rather than by encoding. */
        DUPLICATE_KEY
    }

    private final Kind kind;
    private final String problem;

    CborFormatException(Kind kind, String problem) {
        this(kind, problem, null);
    }

    CborFormatException(Kind kind, String problem, Throwable cause) {
        super("CBOR input " + problem, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Kind kind() {
        return kind;
    }

    /** What is wrong, phrased to follow the name of the input, e.g. "is truncated". */
    public String problem() {
        return problem;
    }
}
