package dev.provably.nautilus.gate.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.provably.nautilus.gate.EnclaveSimulator;
import dev.provably.nautilus.gate.ExpectedRequest;
import dev.provably.nautilus.gate.GateReason;
import dev.provably.nautilus.gate.GateRejection;
import dev.provably.nautilus.gate.MutableClock;
import dev.provably.nautilus.gate.ReplayStore.Outcome;
import dev.provably.nautilus.gate.ReportGate;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.testing.RequiresCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Against a real redis-server started for each test. */
@RequiresCommand("redis-server")
class RedisReplayStoreTest {
    private static final ExpectedRequest EXPECTED = ExpectedRequest.of(
            EnclaveSimulator.NONCE, ReportFixtures.sample().data().mediaSha256());

    private RedisServer server;
    private final List<JedisPooled> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(JedisPooled::close);
        if (server != null) {
            server.close();
        }
    }

    private JedisPooled client() {
        var client = server.client();
        clients.add(client);
        return client;
    }

    private RedisReplayStore store(Clock clock) {
        return new RedisReplayStore(client(), RedisReplayStore.DEFAULT_PREFIX, clock);
    }

    @Test
    @DisplayName("a key is recorded once; the same key again is a replay")
    void once() {
        var store = store(Clock.systemUTC());
        var key = new byte[] {1, 2, 3};
        var expires = Instant.now().plusSeconds(60);
        assertEquals(Outcome.RECORDED, store.record(key, expires));
        assertEquals(Outcome.REPLAYED, store.record(key, expires));
        assertEquals(Outcome.RECORDED, store.record(new byte[] {1, 2, 4}, expires));
    }

    @Test
    @DisplayName(
            "the key lives exactly as long as the freshness window (PX from the gate's clock), then may be recorded again")
    void ttlIsTheWindow() throws InterruptedException {
        var clock = new MutableClock(Instant.parse("2025-04-15T02:26:49.462Z"));
        var store = store(clock);
        var key = new byte[] {9};
        assertEquals(Outcome.RECORDED, store.record(key, clock.instant().plusSeconds(300)));
        long pttl = client().pttl(RedisReplayStore.DEFAULT_PREFIX + "09");
        assertTrue(pttl > 299_000 && pttl <= 300_001, "PTTL " + pttl);

        var shortKey = new byte[] {10};
        assertEquals(Outcome.RECORDED, store.record(shortKey, clock.instant().plusMillis(100)));
        Thread.sleep(400);
        assertEquals(
                Outcome.RECORDED,
                store.record(shortKey, clock.instant().plusMillis(100)),
                "after its window the key is gone");
    }

    @Test
    @DisplayName(
            "two gates, each with its own connection, race on one report: exactly one accepts, the rest are replays")
    void twoGatesRace() throws Exception {
        var clock = new MutableClock(EnclaveSimulator.NOW);
        var config = EnclaveSimulator.config().build();
        var gates = List.of(
                ReportGate.builder(config)
                        .clock(clock)
                        .replayStore(store(clock))
                        .build(),
                ReportGate.builder(config)
                        .clock(clock)
                        .replayStore(store(clock))
                        .build());
        var json = new EnclaveSimulator().respond(ReportFixtures.sample()).json();

        int attempts = 16;
        var ready = new CountDownLatch(attempts);
        var go = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(attempts);
        try {
            var results = new ArrayList<Future<String>>();
            for (int i = 0; i < attempts; i++) {
                var gate = gates.get(i % 2);
                Callable<String> submit = () -> {
                    ready.countDown();
                    go.await();
                    try {
                        gate.check(json, EXPECTED);
                        return "ACCEPTED";
                    } catch (GateRejection e) {
                        return e.reason().name();
                    }
                };
                results.add(pool.submit(submit));
            }
            ready.await();
            go.countDown();
            var outcomes = new ArrayList<String>();
            for (var result : results) {
                outcomes.add(result.get());
            }
            assertEquals(1, outcomes.stream().filter("ACCEPTED"::equals).count(), outcomes.toString());
            assertEquals(
                    attempts - 1, outcomes.stream().filter("REPLAYED"::equals).count(), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName(
            "Redis down: the store answers UNAVAILABLE and the gate refuses the report with REPLAY_STORE_UNAVAILABLE")
    void failsClosed() throws Exception {
        var clock = new MutableClock(EnclaveSimulator.NOW);
        var store = store(clock);
        var gate = ReportGate.builder(EnclaveSimulator.config().build())
                .clock(clock)
                .replayStore(store)
                .build();
        server.stop();

        assertEquals(
                Outcome.UNAVAILABLE,
                store.record(new byte[] {7}, clock.instant().plusSeconds(60)));
        var json = new EnclaveSimulator().respond(ReportFixtures.sample()).json();
        try {
            gate.check(json, EXPECTED);
            fail("accepted a report without a replay store");
        } catch (GateRejection e) {
            assertEquals(GateReason.REPLAY_STORE_UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("replay store cannot be reached"), e.getMessage());
        }
    }
}
