package dev.provably.nautilus.c2pa.manifest;

import java.util.Objects;

/** A manifest part that cannot be used; {@link #code()} is the C2PA status code to report. */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public ManifestException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
