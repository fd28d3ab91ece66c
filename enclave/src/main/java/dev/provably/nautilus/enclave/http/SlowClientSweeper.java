package dev.provably.nautilus.enclave.http;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;

/**
 * Closes connections that take longer than the header deadline to deliver a request's headers.
 * Jetty parses headers without holding a thread, but a client trickling one byte a second never
 * trips the idle timeout and would hold its connection (and a slot under the connection limit)
 * for hours. A connection is "waiting" from when it opens and again after each response until its
 * next request's headers are complete.
 */
final class SlowClientSweeper implements Connection.Listener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SlowClientSweeper.class.getName());
    private static final long IN_REQUEST = -1;

    private final long deadlineNanos;
    private final Map<Connection, Long> waitingSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker;

    SlowClientSweeper(long deadlineMillis) {
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "http-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(1000, deadlineMillis / 4));
        ticker.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        waitingSince.put(connection, System.nanoTime());
    }

    @Override
    public void onClosed(Connection connection) {
        waitingSince.remove(connection);
    }

    void requestStarted(Connection connection) {
        waitingSince.replace(connection, IN_REQUEST);
    }

    void requestEnded(Connection connection) {
        waitingSince.replace(connection, System.nanoTime());
    }

    int waiting() {
        return (int) waitingSince.values().stream()
                .filter(since -> since != IN_REQUEST)
                .count();
    }

    private void sweep() {
        long now = System.nanoTime();
        waitingSince.forEach((connection, since) -> {
            if (since != IN_REQUEST && now - since > deadlineNanos) {
                LOG.log(Level.DEBUG, "closing a connection that sent no complete request headers in time");
                waitingSince.remove(connection, since);
                connection.getEndPoint().close();
            }
        });
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
