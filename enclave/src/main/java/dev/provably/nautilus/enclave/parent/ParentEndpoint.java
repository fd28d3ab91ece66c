package dev.provably.nautilus.enclave.parent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The enclave's client of the parent's support endpoint ({@code host --support-port}), reached at a
 * loopback address that the image bridges to the parent over vsock. Every call has one deadline for
 * the whole exchange (connect, headers and body) and a bound on the body, so a hostile or broken
 * parent can delay the enclave by at most the deadline and never make it buffer more than the bound.
 */
public final class ParentEndpoint {
    /** The whole exchange, body included. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    /** A response: its status and its body (at most the call's bound). */
    public record Response(int status, byte[] body) {
    }

    private final URI base;
    private final Duration deadline;
    private final HttpClient client;

    private ParentEndpoint(URI base, Duration deadline) {
        this.base = base;
        this.deadline = deadline;
        this.client = HttpClient.newBuilder()
                .connectTimeout(deadline)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @param base {@code http://<loopback IP literal>:<port>}: the in-enclave end of the vsock bridge.
     *     Plain HTTP is deliberate: the bridge never leaves the machine, and nothing it carries is
     *     trusted beyond what the enclave checks itself (KMS checks the credentials, the enclave the
     *     unsealed key against the record).
     */
    public static ParentEndpoint of(URI base, Duration deadline) {
        Objects.requireNonNull(base, "base");
        if (!"http".equals(base.getScheme()) || base.getHost() == null || base.getPort() < 1
                || (base.getRawPath() != null && !base.getRawPath().isEmpty() && !"/".equals(base.getRawPath()))
                || base.getRawQuery() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the parent endpoint must be http://<loopback IP>:<port>, got " + base);
        }
        if (!isLoopbackLiteral(base.getHost())) {
            throw new IllegalArgumentException("the parent endpoint must be a loopback IP literal (the in-enclave end"
                    + " of the vsock bridge), got " + base.getHost());
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        return new ParentEndpoint(URI.create("http://" + base.getRawAuthority()), deadline);
    }

    private static boolean isLoopbackLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !literal.matches("[0-9a-fA-F:]+")) {
            return false; // a name: no DNS lookup decides where the enclave sends its requests
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    public URI base() {
        return base;
    }

    public Response get(String path, int maxBodyBytes) throws ParentEndpointException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), maxBodyBytes);
    }

    public Response put(String path, byte[] body, int maxBodyBytes) throws ParentEndpointException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), maxBodyBytes);
    }

    private Response send(HttpRequest.Builder request, int maxBodyBytes) throws ParentEndpointException {
        HttpRequest built = request.timeout(deadline).build();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(built, info -> new BoundedBody(maxBodyBytes));
        try {
            HttpResponse<byte[]> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ParentEndpointException(built.method() + " " + built.uri() + " took longer than " + deadline, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BodyTooLarge) {
                throw new ParentEndpointException(built.method() + " " + built.uri() + ": " + cause.getMessage(), cause);
            }
            throw new ParentEndpointException(built.method() + " " + built.uri() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ParentEndpointException("interrupted while calling the parent", e);
        }
    }

    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(int max) {
            super("the parent's answer is larger than " + max + " bytes");
        }
    }

    /** Collects at most {@code max} bytes and cancels the exchange beyond that. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private byte[] buffer = new byte[0];
        private int length;
        private Flow.Subscription subscription;

        BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (length + (long) item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge(max));
                    return;
                }
                if (length + item.remaining() > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(max, Math.max(length + item.remaining(),
                            buffer.length * 2)));
                }
                int n = item.remaining();
                item.get(buffer, length, n);
                length += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(Arrays.copyOf(buffer, length));
        }
    }
}
