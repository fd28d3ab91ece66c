package dev.provably.nautilus.enclave.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a hard deadline on the whole answer (the request timeout alone stops at
 * the headers) and a bound on the body, so a stuck or runaway server cannot hang or flood the client.
 * The body is collected without a blocked thread; past the bound the exchange is cancelled (the
 * connection dropped) rather than read on, and a deadline passed cancels it too. The one client
 * exchange of the enclave jar: the local client's calls, the health probe and the enclave's calls
 * to its parent.
 */
public final class BoundedExchange {
    /** The default bound on an answer's body. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private BoundedExchange() {}

    /** A complete answer: status and body bytes. */
    public record Answer(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer's body is (or declares itself) larger than the bound; reading stopped there. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        private final int status;

        TooLarge(int status, int maxBytes) {
            super("the answer is larger than " + maxBytes + " bytes");
            this.status = status;
        }

        /** The HTTP status of the refused answer. */
        public int status() {
            return status;
        }
    }

    public static Answer send(HttpClient client, HttpRequest request, Duration deadline)
            throws IOException, InterruptedException {
        return send(client, request, deadline, MAX_BODY_BYTES);
    }

    /** As {@link #send(HttpClient, HttpRequest, Duration)}, with a body of at most {@code maxBytes}. */
    public static Answer send(HttpClient client, HttpRequest request, Duration deadline, int maxBytes)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new BoundedBody(info, maxBytes));
        try {
            HttpResponse<byte[]> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true); // aborts the exchange: no thread stays behind reading a stalled body
            throw new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(describe(cause), cause);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // The client may wrap a body subscriber's failure in an IOException of its own.
        if (!(cause instanceof TooLarge) && cause.getCause() instanceof TooLarge tooLarge) {
            return tooLarge;
        }
        return cause;
    }

    /** The exception's type and message, for one line of output. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Collects at most {@code maxBytes} of a body; one byte more (or a larger length claim) cancels. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.ResponseInfo info;
        private final int maxBytes;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(HttpResponse.ResponseInfo info, int maxBytes) {
            this.info = info;
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                refuse();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > maxBytes) {
                    refuse();
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        private void refuse() {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(info.statusCode(), maxBytes));
        }
    }
}
