package dev.provably.nautilus.cli;

/**
 * A file that cannot be turned into document bytes. The code is printed as the line's {@code reason}:
 * {@code MALFORMED} (the verifier's code, for content that is not a document) or {@code UNREADABLE}
 * (the file could not be read at all).
 */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    static final String MALFORMED = "MALFORMED";
    static final String UNREADABLE = "UNREADABLE";

    private final String code;

    InputException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
