package dev.provably.nautilus.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.provably.nautilus.gate.ReplayStore.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemoryReplayStore")
class InMemoryReplayStoreTest {
    private static final Instant T0 = Instant.parse("2025-04-15T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    private static byte[] key(int i) {
        return new byte[] {(byte) (i >>> 8), (byte) i};
    }

    @Test
    @DisplayName("records a key once; the same bytes again are a replay until expiry (inclusive)")
    void onceUntilExpiry() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        Instant expiry = T0.plusSeconds(60);
        assertEquals(Outcome.RECORDED, store.record(key(1), expiry));
        assertEquals(Outcome.REPLAYED, store.record(key(1).clone(), expiry));
        clock.set(expiry);
        assertEquals(Outcome.REPLAYED, store.record(key(1), expiry.plusSeconds(60)), "still live at its expiry");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Outcome.RECORDED, store.record(key(1), expiry.plusSeconds(60)), "forgotten after it");
    }

    @Test
    @DisplayName("refuses new keys when full of live entries, and frees room as entries expire")
    void bounded() {
        InMemoryReplayStore store = new InMemoryReplayStore(2, clock);
        assertEquals(Outcome.RECORDED, store.record(key(1), T0.plusSeconds(10)));
        assertEquals(Outcome.RECORDED, store.record(key(2), T0.plusSeconds(20)));
        assertEquals(Outcome.FULL, store.record(key(3), T0.plusSeconds(30)));
        assertEquals(Outcome.REPLAYED, store.record(key(1), T0.plusSeconds(10)), "full does not hide replays");
        clock.set(T0.plusSeconds(11));
        assertEquals(1, store.size());
        assertEquals(Outcome.RECORDED, store.record(key(3), T0.plusSeconds(30)));
        assertEquals(Outcome.FULL, store.record(key(4), T0.plusSeconds(5000)));
    }

    @Test
    @DisplayName("expires out of insertion order, earliest expiry first")
    void expiryOrder() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        store.record(key(1), T0.plusSeconds(300));
        store.record(key(2), T0.plusSeconds(100));
        clock.set(T0.plusSeconds(200));
        assertEquals(1, store.size());
        assertEquals(Outcome.REPLAYED, store.record(key(1), T0.plusSeconds(300)));
        assertEquals(Outcome.RECORDED, store.record(key(2), T0.plusSeconds(400)));
    }

    @Test
    @DisplayName("a key already past its expiry is not stored")
    void alreadyExpired() {
        InMemoryReplayStore store = new InMemoryReplayStore(1, clock);
        assertEquals(Outcome.RECORDED, store.record(key(1), T0.minusSeconds(1)));
        assertEquals(0, store.size());
    }

    @Test
    @DisplayName("concurrent submissions of one key record it exactly once")
    void concurrent() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(10_000, clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                tasks.add(() -> {
                    int recorded = 0;
                    for (int i = 0; i < 1_000; i++) {
                        if (store.record(key(i), T0.plusSeconds(60)) == Outcome.RECORDED) {
                            recorded++;
                        }
                    }
                    return recorded;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            assertEquals(1_000, total);
            assertEquals(1_000, store.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("needs a capacity of at least 1")
    void capacity() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryReplayStore(0, clock));
    }
}
