package dev.provably.nautilus.enclave.identity;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kms.KmsClient;

/** Builds the enclave's KMS client: the JDK HTTP client, bounded retries with backoff, hard deadlines. */
public final class KmsClients {

    /**
     * How the client talks to KMS. {@code maxAttempts} counts the first try; throttling and 5xx
     * answers and I/O errors are retried with exponential backoff and jitter from {@code backoffBase}
     * up to {@code backoffMax}; {@code callTimeout} bounds the whole call, retries included.
     */
    public record Settings(
            Region region,
            Optional<URI> endpoint,
            AwsCredentialsProvider credentials,
            int maxAttempts,
            Duration backoffBase,
            Duration backoffMax,
            Duration attemptTimeout,
            Duration callTimeout) {
        public Settings {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be 1..10, got " + maxAttempts);
            }
        }

        /** Production defaults: 4 attempts, 100 ms..2 s backoff, 5 s per attempt, 20 s in all. */
        public static Settings defaults(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
            return new Settings(
                    region,
                    endpoint,
                    credentials,
                    4,
                    Duration.ofMillis(100),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(20));
        }
    }

    private KmsClients() {}

    public static KmsClient create(Settings settings) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.backoffBase(), settings.backoffMax());
        var builder = KmsClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.attemptTimeout())
                        .socketTimeout(settings.attemptTimeout())
                        .build())
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout())
                        .retryStrategy(r -> r.maxAttempts(settings.maxAttempts())
                                .backoffStrategy(backoff)
                                .throttlingBackoffStrategy(backoff)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
