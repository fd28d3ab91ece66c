package dev.provably.nautilus.enclave.jobs;

import java.time.Duration;

/** Admission refused: the queue, its byte budget or the kept results are full; retry after a while. */
public final class QueueFull extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which bound refused the job. */
    public enum Bound {
        JOBS,
        BYTES,
        RESULTS
    }

    private final Bound bound;
    private final transient Duration retryAfter;

    QueueFull(Bound bound, String message, Duration retryAfter) {
        super(message);
        this.bound = bound;
        this.retryAfter = retryAfter;
    }

    public Bound bound() {
        return bound;
    }

    /** A hint for {@code Retry-After}: at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
