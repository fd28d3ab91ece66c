package dev.provably.nautilus.enclave.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body into memory without holding a thread: it reads what has arrived, then asks
 * Jetty to call it again when more does. Completes with the bytes, or exceptionally with
 * {@link TooLarge} once more than {@code maxBytes} arrive.
 *
 * <p>Past the limit it keeps reading, discarding, up to {@link #DRAIN_BYTES} more: closing a
 * connection with unread bytes in its receive buffer sends a TCP reset, which can destroy the 413
 * before the client reads it (measured: 27 of 400 one-MiB PUTs saw "no bytes" instead of the 413).
 * A body that ends within the drain leaves the connection clean and reusable; a longer one is cut
 * off. 1 MiB matches curl, which sends {@code Expect: 100-continue} above it and so never sends a
 * body that is refused by its {@code Content-Length}.
 */
final class BodyReader implements Runnable {
    /** How much past the limit is read and discarded so the client sees its 413. */
    static final int DRAIN_BYTES = 1024 * 1024;

    /** The body passed the route's limit; {@code drained} when it was read to its end. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean drained;

        TooLarge(boolean drained) {
            super("body over the limit", null, false, false);
            this.drained = drained;
        }

        boolean drained() {
            return drained;
        }
    }

    private final Content.Source source;
    private final int maxBytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer;
    private long length;

    private BodyReader(Content.Source source, int maxBytes, long declaredLength) {
        this.source = source;
        this.maxBytes = maxBytes;
        this.buffer = new byte[(int) Math.min(maxBytes, declaredLength > 0 ? declaredLength : 16 * 1024)];
    }

    /** Reads the body; over {@code maxBytes} it fails with {@link TooLarge} after the drain. */
    static CompletableFuture<byte[]> read(Content.Source source, int maxBytes, long declaredLength) {
        BodyReader reader = new BodyReader(source, maxBytes, declaredLength);
        reader.run();
        return reader.result;
    }

    /** Reads and discards a body already known to be over the limit (by its Content-Length). */
    static CompletableFuture<byte[]> discard(Content.Source source) {
        BodyReader reader = new BodyReader(source, 0, 0); // every byte is over a limit of 0
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
            boolean over = length > maxBytes;
            if (chunk.isLast()) {
                if (over) {
                    result.completeExceptionally(new TooLarge(true));
                } else {
                    result.complete(length == buffer.length ? buffer : Arrays.copyOf(buffer, (int) length));
                }
            } else if (over && length > maxBytes + (long) DRAIN_BYTES) {
                result.completeExceptionally(new TooLarge(false));
            }
        }
    }

    private void append(ByteBuffer bytes) {
        int n = bytes.remaining();
        if (length + n > maxBytes) {
            length += n; // over the limit: count, discard
            bytes.position(bytes.limit());
            return;
        }
        if (length + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(length + n, 2L * buffer.length)));
        }
        bytes.get(buffer, (int) length, n);
        length += n;
    }
}
