package dev.provably.nautilus.enclave.parent;

import dev.provably.nautilus.enclave.http.BoundedExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

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
    public record Response(int status, byte[] body) {}

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
        if (!"http".equals(base.getScheme())
                || base.getHost() == null
                || base.getPort() < 1
                || (base.getRawPath() != null && !base.getRawPath().isEmpty() && !"/".equals(base.getRawPath()))
                || base.getRawQuery() != null
                || base.getRawUserInfo() != null) {
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
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
                maxBodyBytes);
    }

    private Response send(HttpRequest.Builder request, int maxBodyBytes) throws ParentEndpointException {
        HttpRequest built = request.timeout(deadline).build();
        String call = built.method() + " " + built.uri();
        try {
            BoundedExchange.Answer answer = BoundedExchange.send(client, built, deadline, maxBodyBytes);
            return new Response(answer.status(), answer.body());
        } catch (HttpTimeoutException e) {
            throw new ParentEndpointException(call + " took longer than " + deadline, e);
        } catch (BoundedExchange.TooLarge e) {
            throw new ParentEndpointException(
                    call + ": the parent's answer is larger than " + maxBodyBytes + " bytes", e);
        } catch (IOException e) {
            throw new ParentEndpointException(call + " failed: " + BoundedExchange.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParentEndpointException("interrupted while calling the parent", e);
        }
    }
}
