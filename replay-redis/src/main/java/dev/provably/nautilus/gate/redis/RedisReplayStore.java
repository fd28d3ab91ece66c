package dev.provably.nautilus.gate.redis;

import dev.provably.nautilus.gate.ReplayStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ReplayStore} in Redis, shared by every backend instance: one atomic {@code SET key 1 NX PX
 * ttl} per report, where the TTL runs to the end of the report's freshness window. Exactly one of any
 * number of gates racing on one report gets {@code OK}; the others get nil, a replay.
 *
 * <p>Fails closed: when Redis cannot be asked (down, unreachable, timed out, refusing the command) the
 * answer is {@link Outcome#UNAVAILABLE}, which the gate turns into a rejection, never an acceptance.
 * Redis' own memory policy must not evict these keys ({@code maxmemory-policy noeviction}, or
 * {@code volatile-ttl} on a dedicated instance); an evicted key would allow a replay.
 */
public final class RedisReplayStore implements ReplayStore {
    /** Keys are {@code <prefix><hex SHA-256>}, so the store can share a Redis with other data. */
    public static final String DEFAULT_PREFIX = "nautilus:replay:";

    private final UnifiedJedis redis;
    private final String prefix;
    private final Clock clock;

    /**
     * @param redis a client whose timeouts bound how long a gate waits (e.g. {@code JedisPooled}
     *     with a {@code DefaultJedisClientConfig} socket timeout); not closed by this store
     * @param prefix the key prefix, e.g. {@link #DEFAULT_PREFIX}
     * @param clock the time the TTL is counted from (the gate's clock)
     */
    public RedisReplayStore(UnifiedJedis redis, String prefix, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome record(byte[] key, Instant expiresAt) {
        // expiresAt is inclusive; a window that has already closed still gets the shortest TTL, so the
        // key is set and the answer stays the atomic one.
        long ttlMillis =
                Math.max(1, Duration.between(clock.instant(), expiresAt).toMillis() + 1);
        try {
            var reply = redis.set(
                    prefix + HexFormat.of().formatHex(key),
                    "1",
                    SetParams.setParams().nx().px(ttlMillis));
            return "OK".equals(reply) ? Outcome.RECORDED : Outcome.REPLAYED;
        } catch (JedisException e) {
            return Outcome.UNAVAILABLE;
        }
    }
}
