package dev.provably.nautilus.enclave.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body into memory without holding a thread: it reads what has arrived, then asks
 * Jetty to call it again when more does. Completes with the bytes, or exceptionally with
 * {@link TooLarge} as soon as more than {@code maxBytes} arrive.
 */
final class BodyReader implements Runnable {
    /** The body passed the route's limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("body over the limit", null, false, false);
        }
    }

    private final Content.Source source;
    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer;
    private int length;

    private BodyReader(Content.Source source, int maxBytes, long declaredLength) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.buffer = new byte[(int) Math.min(maxBytes, declaredLength > 0 ? declaredLength : 16 * 1024)];
    }

    static CompletableFuture<byte[]> read(Content.Source source, int maxBytes, long declaredLength) {
        BodyReader reader = new BodyReader(source, maxBytes, declaredLength);
        reader.run();
        return reader.result;
    }

    @Override
    public void run() {
        while (!result.isDone()) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            try {
                append(chunk.getByteBuffer());
            } finally {
                chunk.release();
            }
            if (length > maxBytes) {
                result.completeExceptionally(new TooLarge());
            } else if (chunk.isLast()) {
                result.complete(length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
            }
        }
    }

    private void append(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (length + (long) n > maxBytes) {
            length = maxBytes + 1; // over the limit: stop copying, fail above
            return;
        }
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(length + n, 2L * buffer.length)));
        }
        bytes.get(buffer, length, n);
        length += n;
    }
}
