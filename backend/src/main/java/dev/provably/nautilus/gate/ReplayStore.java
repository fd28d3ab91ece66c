package dev.provably.nautilus.gate;

import java.time.Instant;

/**
 * Remembers accepted reports until their freshness window closes, so each is accepted once. The
 * default is {@link InMemoryReplayStore}; a backend running several gate instances plugs in a
 * shared store (for example a key-value store's set-if-absent with expiry).
 *
 * <p>Implementations must be thread-safe and make {@link #record} atomic.
 */
public interface ReplayStore {
    /** What {@link #record} did. */
    enum Outcome {
        /** The key was new and is now remembered until its expiry. */
        RECORDED,
        /** The key is already remembered and has not expired: a replay. */
        REPLAYED,
        /** The key is new but the store cannot remember it; the caller must refuse the report. */
        FULL,
        /** A shared store could not be asked (down, unreachable, timed out); the caller must refuse the report. */
        UNAVAILABLE
    }

    /**
     * Remembers {@code key} until {@code expiresAt} (inclusive) unless it is already remembered.
     *
     * @param key an identifier of the report (the gate uses SHA-256 of the signed bytes)
     * @param expiresAt the last instant at which the report could still be accepted
     */
    Outcome record(byte[] key, Instant expiresAt);
}
