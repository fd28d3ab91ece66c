package dev.provably.nautilus.c2pa.jumbf;

import java.util.Objects;

/** A JUMBF structure that cannot be read; {@link #kind()} names what is wrong. */
public final class JumbfException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the boxes. */
    public enum Kind {
        /** A box header or payload runs past the end of its parent. */
        TRUNCATED,
        /** A declared length is smaller than its header or larger than the bytes that remain. */
        BAD_LENGTH,
        /** Superboxes nest deeper than the limit. */
        TOO_DEEP,
        /** More boxes than the limit. */
        TOO_MANY_BOXES,
        /** A superbox does not start with a well-formed description box. */
        BAD_DESCRIPTION,
        /** The top-level box is not a C2PA manifest store. */
        NOT_A_MANIFEST_STORE
    }

    private final Kind kind;

    public JumbfException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
