package dev.provably.nautilus.enclave.host;

/** A record store failure, typed by what the enclave should hear: each kind is one HTTP status. */
public final class RecordStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, and the status the support endpoint answers with. */
    public enum Kind {
        /** A record for the release is already stored; it is never replaced through the endpoint. */
        ALREADY_STORED(409),
        /** The record does not fit the store (an SSM Standard parameter holds 4 KB). */
        TOO_LARGE(413),
        /** The store is throttled or unreachable: try again later, and never read it as "none". */
        UNAVAILABLE(503),
        /** Anything else: a corrupt record, access denied, a disk error. */
        FAILED(500);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public RecordStoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RecordStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
