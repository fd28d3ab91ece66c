package dev.provably.nautilus.enclave.client;

import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.BackendConfigException;
import dev.provably.nautilus.gate.ExpectedAnalysis;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The backend config of a local run, shaped like {@code pulumi stack output --json}
 * ({@code {"backendConfig": {…}}}), with what a deployment would put there: the enclave and health
 * URLs, the expected PCRs 0, 1 and 2 (what {@code nitro-cli build-enclave} prints for an image;
 * here measured from the artifact the local enclave runs), profile {@code sui}, 300 s freshness,
 * no debug enclaves, the analysis identities of the analyzers this jar ships, and, since no AWS
 * root signs local documents, the development root as the explicit trust anchor. Built and written
 * by the verifier's own {@link BackendConfig} (the one codec of the contract).
 */
public final class LocalBackendConfig {
    /** PCRs 0, 1 and 2: the image, the kernel and boot, the application (what Sui registration checks). */
    static final List<Integer> EXPECTED_PCRS = List.of(0, 1, 2);

    static final Profile PROFILE = Profile.SUI;
    static final Duration MAX_AGE = Duration.ofSeconds(300);
    static final String REGION = "local";

    private LocalBackendConfig() {}

    /**
     * The config a local run writes.
     *
     * @throws BackendConfigException if a value is one the gate would refuse (say, a PEM that is no
     *     certificate)
     */
    public static BackendConfig config(
            URI enclaveUrl,
            URI healthUrl,
            LocalMeasurements measurements,
            ExpectedAnalysis analysis,
            String devRootPem) {
        BackendConfig.Builder config =
                BackendConfig.builder().enclaveApiUrl(enclaveUrl).healthUrl(healthUrl);
        for (int index : EXPECTED_PCRS) {
            config.expectPcr(index, measurements.pcr(index));
        }
        return config.profile(PROFILE)
                .maxAge(MAX_AGE)
                .allowDebug(false)
                .region(REGION)
                .trustAnchorPem(devRootPem)
                .expectAnalysis(analysis)
                .build();
    }

    /** The stack-output JSON of {@link #config}, pretty-printed. */
    public static String json(
            URI enclaveUrl,
            URI healthUrl,
            LocalMeasurements measurements,
            ExpectedAnalysis analysis,
            String devRootPem) {
        return config(enclaveUrl, healthUrl, measurements, analysis, devRootPem).toStackOutputJson();
    }

    /**
     * Writes {@link #json} to {@code file} (atomically); a config the gate would refuse is never
     * written.
     */
    public static BackendConfig write(
            Path file,
            URI enclaveUrl,
            URI healthUrl,
            LocalMeasurements measurements,
            ExpectedAnalysis analysis,
            String devRootPem)
            throws LocalClientException, IOException {
        BackendConfig config;
        try {
            config = config(enclaveUrl, healthUrl, measurements, analysis, devRootPem);
        } catch (BackendConfigException e) {
            throw new LocalClientException("the local backend config would be invalid: " + e.getMessage(), e);
        }
        OutputFiles.write(file, config.toStackOutputJson().getBytes(StandardCharsets.UTF_8));
        return config;
    }
}
