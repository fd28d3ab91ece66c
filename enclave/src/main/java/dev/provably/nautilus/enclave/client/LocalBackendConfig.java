package dev.provably.nautilus.enclave.client;

import dev.provably.nautilus.gate.ExpectedAnalysis;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.local.LocalMeasurements;
import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.BackendConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * The backend config of a local run, shaped like {@code pulumi stack output --json}
 * ({@code {"backendConfig": {…}}}), with what a deployment would put there: the enclave and health
 * URLs, the expected PCRs 0, 1 and 2 (what {@code nitro-cli build-enclave} prints for an image;
 * here measured from the artifact the local enclave runs), profile {@code sui}, 300 s freshness,
 * no debug enclaves, the analysis identities of the analyzers this jar ships, and, since no AWS
 * root signs local documents, the development root as the explicit trust anchor.
 */
public final class LocalBackendConfig {
    /** PCRs 0, 1 and 2: the image, the kernel and boot, the application (what Sui registration checks). */
    static final List<Integer> EXPECTED_PCRS = List.of(0, 1, 2);
    static final String PROFILE = "sui";
    static final int MAX_AGE_SECONDS = 300;
    static final String REGION = "local";

    private LocalBackendConfig() {
    }

    /** The stack-output JSON, pretty-printed. */
    public static String json(URI enclaveUrl, URI healthUrl, LocalMeasurements measurements,
            ExpectedAnalysis analysis, String devRootPem) {
        JsonObject config = new JsonObject();
        config.add("enclaveApiUrls", array(enclaveUrl));
        config.add("healthUrls", array(healthUrl));
        JsonObject pcrs = new JsonObject();
        for (int index : EXPECTED_PCRS) {
            pcrs.addProperty(Integer.toString(index), HexFormat.of().formatHex(measurements.pcr(index)));
        }
        config.add("expectedPcrs", pcrs);
        config.addProperty("profile", PROFILE);
        config.addProperty("maxAgeSeconds", MAX_AGE_SECONDS);
        config.addProperty("allowDebug", false);
        config.addProperty("region", REGION);
        config.addProperty("trustAnchorPem", devRootPem);
        config.add("expectedAnalysis", analysis.toJson());
        JsonObject outputs = new JsonObject();
        outputs.add("backendConfig", config);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(outputs) + "\n";
    }

    /**
     * Writes {@link #json} to {@code file} (atomically) after loading it back with the verifier's own
     * {@link BackendConfig#fromJson}, so a config the gate would refuse is never written.
     */
    public static BackendConfig write(Path file, URI enclaveUrl, URI healthUrl, LocalMeasurements measurements,
            ExpectedAnalysis analysis, String devRootPem) throws LocalClientException, IOException {
        String json = json(enclaveUrl, healthUrl, measurements, analysis, devRootPem);
        BackendConfig loaded;
        try {
            loaded = BackendConfig.fromJson(json);
        } catch (BackendConfigException e) {
            throw new LocalClientException("the local backend config would be invalid: " + e.getMessage(), e);
        }
        OutputFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
        return loaded;
    }

    private static JsonArray array(URI url) {
        JsonArray array = new JsonArray();
        array.add(url.toString());
        return array;
    }
}
