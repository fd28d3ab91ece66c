package dev.provably.nautilus.gate;

/** The gate refused an enclave response; {@link #reason()} says which check failed. */
public final class GateRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final GateReason reason;

    GateRejection(GateReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    GateRejection(GateReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public GateReason reason() {
        return reason;
    }
}
