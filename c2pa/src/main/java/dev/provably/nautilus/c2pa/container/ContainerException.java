package dev.provably.nautilus.c2pa.container;

import java.util.Objects;

/** A media file whose structure cannot be walked to find (or rule out) a manifest store. */
public final class ContainerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Kind {
        /** The file is not of the declared media type (wrong signature). */
        NOT_THIS_FORMAT,
        /** A segment or chunk runs past the end of the file. */
        TRUNCATED,
        /** The C2PA APP11 segments are out of sequence, duplicated or inconsistent. */
        BAD_SEGMENTS,
        /** More than one manifest store is embedded. */
        MULTIPLE_STORES,
        /** The manifest store is larger than the configured limit. */
        TOO_LARGE
    }

    private final Kind kind;

    public ContainerException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
