package dev.provably.nautilus.gate;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A bounded, thread-safe {@link ReplayStore} in memory. Expired entries are dropped lazily on each
 * call (no background thread), earliest expiry first. When it holds {@code capacity} unexpired
 * entries it answers {@link Outcome#FULL} rather than forget one, because forgetting would let that
 * report be replayed.
 */
public final class InMemoryReplayStore implements ReplayStore {
    /** Default capacity: about 330 reports a second over a 5-minute window. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private record Entry(Instant expiresAt, String key) {}

    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> live = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::expiresAt));

    /**
     * @param capacity the most unexpired entries held at once, at least 1
     * @param clock the time entries expire against
     */
    public InMemoryReplayStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Outcome record(byte[] key, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Instant now = clock.instant();
        dropExpired(now);
        String id = HexFormat.of().formatHex(key);
        if (live.containsKey(id)) {
            return Outcome.REPLAYED;
        }
        if (expiresAt.isBefore(now)) {
            // Already outside its window: nothing left to protect, and storing it would only evict later.
            return Outcome.RECORDED;
        }
        if (live.size() >= capacity) {
            return Outcome.FULL;
        }
        live.put(id, expiresAt);
        byExpiry.add(new Entry(expiresAt, id));
        return Outcome.RECORDED;
    }

    /** The number of unexpired entries held. */
    public synchronized int size() {
        dropExpired(clock.instant());
        return live.size();
    }

    private void dropExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt().isBefore(now)) {
            live.remove(byExpiry.poll().key());
        }
    }
}
