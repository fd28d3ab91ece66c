package dev.provably.nautilus.enclave.parent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The instance role's short-lived credentials, fetched from the parent ({@code GET /v1/credentials}
 * on the support endpoint, which reads them from IMDSv2). Cached until {@link #REFRESH_BEFORE} before
 * they expire; while a refresh fails, cached credentials with at least {@link #MIN_REMAINING} left are
 * still used. The parent learns nothing from serving them (they are its own role's), and whatever it
 * serves, KMS decides what they may do: the key policy releases the identity only to an attested
 * enclave of the release.
 * Failures surface as {@link SdkClientException} (what the SDK expects of a provider) whose cause is
 * the {@link ParentEndpointException} saying what went wrong.
 */
public final class ParentCredentialsProvider implements AwsCredentialsProvider {
    public static final String PATH = "/v1/credentials";
    public static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);
    public static final Duration MIN_REMAINING = Duration.ofMinutes(1);

    private final ParentEndpoint endpoint;
    private final Clock clock;
    private AwsSessionCredentials cached;

    public ParentCredentialsProvider(ParentEndpoint endpoint, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(expiration(cached).minus(REFRESH_BEFORE))) {
            return cached;
        }
        try {
            cached = fetch(now);
            return cached;
        } catch (ParentEndpointException e) {
            if (cached != null && now.isBefore(expiration(cached).minus(MIN_REMAINING))) {
                return cached;
            }
            throw SdkClientException.create(
                    "cannot get AWS credentials from the parent at " + endpoint.base() + PATH + ": " + e.getMessage(),
                    e);
        }
    }

    private AwsSessionCredentials fetch(Instant now) throws ParentEndpointException {
        ParentEndpoint.Response response = endpoint.get(PATH, CredentialsJson.MAX_BYTES);
        if (response.status() != 200) {
            throw new ParentEndpointException("the parent answered HTTP " + response.status());
        }
        AwsSessionCredentials credentials = CredentialsJson.parse(response.body());
        if (!now.plus(MIN_REMAINING).isBefore(expiration(credentials))) {
            throw new ParentEndpointException("the parent's credentials expire at " + expiration(credentials)
                    + ", less than " + MIN_REMAINING + " from now");
        }
        return credentials;
    }

    private static Instant expiration(AwsSessionCredentials credentials) {
        return credentials.expirationTime().orElseThrow();
    }

    @Override
    public String toString() {
        return "ParentCredentialsProvider[" + endpoint.base() + PATH + "]";
    }
}
