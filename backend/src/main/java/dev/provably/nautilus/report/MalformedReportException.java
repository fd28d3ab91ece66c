package dev.provably.nautilus.report;

/** The bytes are not the exact BCS encoding of a valid {@link IntentMessage}. */
public final class MalformedReportException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedReportException(String message) {
        super(message);
    }
}
