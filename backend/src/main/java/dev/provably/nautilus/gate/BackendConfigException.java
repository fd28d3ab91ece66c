package dev.provably.nautilus.gate;

/** The backend configuration is missing a field or has an invalid one; the message names it. */
public final class BackendConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    BackendConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The offending field, as a JSON member name (e.g. {@code expectedPcrs.0}). */
    public String field() {
        return field;
    }
}
