package dev.provably.nautilus.enclave.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP boundary of the enclave API and the parent's health server, on Jetty 12 (the JDK's
 * server reads headers and bodies on its worker threads, so a handful of slow clients stalled it).
 *
 * <ul>
 *   <li>Headers are parsed without a thread; a connection must deliver them within
 *       {@link Limits#headerTimeout()} or it is closed.
 *   <li>A body is read asynchronously into memory (at most the route's limit, 413 beyond it; a
 *       declared {@code Content-Length} over the limit is read and discarded up to 1 MiB, beyond that refused
 *       unread; the connection is kept only when the body was read to its end) and must arrive
 *       within {@link Limits#bodyTimeout()} (408); only then does the endpoint run, on a bounded
 *       worker pool (503 with {@code Retry-After} when it is full). A slow client therefore never
 *       holds a worker, and {@code /health} (an inline route) answers while workers are busy.
 *   <li>At most {@link Limits#maxConnections()} connections are accepted at once.
 *   <li>Every response, Jetty's own protocol errors included, is JSON; an endpoint's unexpected
 *       failure is a 500 with a generic message and the details in the log only.
 * </ul>
 */
public final class JsonHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JsonHttpServer.class.getName());

    /** How much the server takes and how long it waits. */
    public record Limits(
            int workerThreads,
            int workerQueue,
            Duration headerTimeout,
            Duration bodyTimeout,
            Duration idleTimeout,
            int maxConnections) {
        public Limits {
            if (workerThreads < 1 || workerThreads > 256) {
                throw new IllegalArgumentException("workerThreads must be 1..256, got " + workerThreads);
            }
            if (workerQueue < 0) {
                throw new IllegalArgumentException("workerQueue must be >= 0, got " + workerQueue);
            }
            positive("headerTimeout", headerTimeout);
            positive("bodyTimeout", bodyTimeout);
            positive("idleTimeout", idleTimeout);
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
            }
        }

        /** Defaults for {@code workerThreads} workers: 10 s for headers, 60 s for a body, 1,024 connections. */
        public static Limits defaults(int workerThreads) {
            return new Limits(
                    workerThreads,
                    16 * workerThreads,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(30),
                    1024);
        }

        public Limits withTimeouts(Duration header, Duration body) {
            return new Limits(workerThreads, workerQueue, header, body, idleTimeout, maxConnections);
        }

        private static void positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final SlowClientSweeper sweeper;
    private final AtomicLong errors;

    private JsonHttpServer(
            Server server,
            ServerConnector connector,
            ThreadPoolExecutor workers,
            SlowClientSweeper sweeper,
            AtomicLong errors) {
        this.server = server;
        this.connector = connector;
        this.workers = workers;
        this.sweeper = sweeper;
        this.errors = errors;
    }

    public static JsonHttpServer start(String name, InetSocketAddress address, Router router, Limits limits)
            throws IOException {
        return start(name, address, router, limits, new AtomicLong());
    }

    /** Starts a server that counts every response with status 400 or more into {@code errors}. */
    public static JsonHttpServer start(
            String name, InetSocketAddress address, Router router, Limits limits, AtomicLong errors)
            throws IOException {
        QueuedThreadPool jettyThreads = new QueuedThreadPool(32, 4);
        jettyThreads.setName(name + "-net");
        Server server = new Server(jettyThreads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(
                address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        SlowClientSweeper sweeper = new SlowClientSweeper(limits.headerTimeout().toMillis());
        connector.addEventListener(sweeper);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                limits.workerThreads(),
                limits.workerThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.workerQueue())),
                threads(name + "-worker-"),
                new ThreadPoolExecutor.AbortPolicy());
        JsonHttpServer result = new JsonHttpServer(server, connector, workers, sweeper, errors);
        server.setHandler(result.new Dispatch(router, limits));
        server.setErrorHandler(new JsonErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            result.close();
            throw new IOException("could not start the HTTP server on " + address + ": " + e.getMessage(), e);
        }
        return result;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort()); // an IP literal: no lookup
    }

    /** Responses with status 400 or more sent so far. */
    public long errors() {
        return errors.get();
    }

    /** Connections open and still waiting for a request's headers (for tests and health figures). */
    public int connectionsWaitingForHeaders() {
        return sweeper.waiting();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "stopping the HTTP server failed", e);
        }
        sweeper.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }

    /** Routes, reads the body without blocking, then runs the endpoint inline or on a worker. */
    private final class Dispatch extends Handler.Abstract.NonBlocking {
        private final Router router;
        private final Limits limits;

        Dispatch(Router router, Limits limits) {
            this.router = router;
            this.limits = limits;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            sweeper.requestStarted(connection);
            Callback done = Callback.from(callback, () -> sweeper.requestEnded(connection));
            String method = request.getMethod();
            String path = request.getHttpURI().getPath();
            Router.Match match;
            try {
                match = router.match(method, path == null ? "/" : path);
            } catch (ApiException e) {
                send(response, done, failure(e, true));
                return true;
            }
            Router.Route route = match.route();
            if (route.maxBodyBytes() == 0) {
                run(route, toApiRequest(request, match, null), response, done);
                return true;
            }
            long declared = request.getLength();
            CompletableFuture<byte[]> body;
            if (declared > route.maxBodyBytes()) {
                if (declared > BodyReader.DRAIN_BYTES) { // refused unread; see BodyReader on the reset
                    send(response, done, failure(ApiException.tooLarge(route.maxBodyBytes()), true));
                    return true;
                }
                body = BodyReader.discard(request);
            } else {
                body = BodyReader.read(request, (int) route.maxBodyBytes(), declared);
            }
            body.orTimeout(limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((bytes, error) -> {
                        if (error != null) {
                            Throwable cause = error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error;
                            boolean drained = cause instanceof BodyReader.TooLarge tooLarge && tooLarge.drained();
                            send(response, done, failure(bodyFailure(cause, route), !drained));
                        } else {
                            run(route, toApiRequest(request, match, bytes), response, done);
                        }
                    });
            LOG.log(Level.TRACE, () -> "reading the body of " + method + " " + path);
            return true;
        }

        private ApiException bodyFailure(Throwable cause, Router.Route route) {
            if (cause instanceof TimeoutException) {
                return new ApiException(
                        408,
                        "request_timeout",
                        "the request body did not arrive within "
                                + limits.bodyTimeout().toSeconds() + " s");
            }
            if (cause instanceof BodyReader.TooLarge) {
                return ApiException.tooLarge(route.maxBodyBytes());
            }
            LOG.log(Level.DEBUG, "reading a request body failed", cause);
            return ApiException.badRequest("bad_request", "the request body could not be read");
        }

        private void run(Router.Route route, ApiRequest apiRequest, Response response, Callback done) {
            Runnable task = () -> send(response, done, invoke(route, apiRequest));
            if (route.work() == Router.Work.INLINE) {
                task.run();
                return;
            }
            try {
                workers.execute(task);
            } catch (RejectedExecutionException e) {
                send(
                        response,
                        done,
                        failure(
                                new ApiException(
                                        503, "busy", "the server is busy; retry shortly", Map.of("Retry-After", "1")),
                                false));
            }
        }

        private ApiResponse invoke(Router.Route route, ApiRequest request) {
            try {
                return route.endpoint().handle(request);
            } catch (ApiException e) {
                if (e.getCause() != null) {
                    LOG.log(Level.WARNING, e.getMessage(), e.getCause());
                }
                return failure(e, e.status() == 400 || e.status() == 413);
            } catch (Throwable e) { // the boundary: nothing escapes into the server's threads
                LOG.log(Level.ERROR, "unexpected failure handling " + request.method() + " " + request.path(), e);
                return failure(new ApiException(500, "internal_error", "internal error"), false);
            }
        }
    }

    private static ApiRequest toApiRequest(Request request, Router.Match match, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.merge(field.getName().toLowerCase(Locale.ROOT), field.getValue(), (a, b) -> a + ", " + b);
        }
        return new ApiRequest(
                request.getMethod(),
                request.getHttpURI().getPath(),
                match.pathParameters(),
                request.getHttpURI().getQuery(),
                headers,
                body);
    }

    /** The JSON error response; {@code close} when the body may be left unread. */
    private ApiResponse failure(ApiException e, boolean close) {
        ApiResponse response = new ApiResponse(e.status(), e.headers(), JsonResponses.error(e.code(), e.getMessage()));
        return close ? response.withHeader("Connection", "close") : response;
    }

    private void send(Response response, Callback done, ApiResponse answer) {
        if (answer.status() >= 400) {
            errors.incrementAndGet();
        }
        byte[] bytes = JsonResponses.bytes(answer.body());
        response.setStatus(answer.status());
        HttpFields.Mutable headers = response.getHeaders();
        JsonResponses.HEADERS.forEach(headers::put);
        answer.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), done);
    }
}
