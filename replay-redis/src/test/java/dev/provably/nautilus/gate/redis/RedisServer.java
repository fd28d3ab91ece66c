package dev.provably.nautilus.gate.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A real {@code redis-server} from the {@code PATH}, started by the tests on a free local port, without
 * persistence. Tests using it carry {@code @RequiresCommand("redis-server")}: skipped on a machine
 * without it, failed under {@code CI=true} (CI installs redis-server).
 */
final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisServer start() throws IOException, InterruptedException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var process = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--maxmemory-policy",
                        "noeviction")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        var server = new RedisServer(process, port);
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (var client = server.client()) {
                if ("PONG".equals(client.ping())) {
                    return server;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IllegalStateException("redis-server did not answer PING on port " + port);
    }

    /** A pooled client with short timeouts, as a gate would use. */
    JedisPooled client() {
        return new JedisPooled(
                new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(500)
                        .socketTimeoutMillis(500)
                        .build());
    }

    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
