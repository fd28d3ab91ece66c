package dev.provably.nautilus.infra.outputs;

import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import dev.provably.nautilus.gate.BackendConfigException;
import dev.provably.nautilus.infra.config.ExpectedAnalysis;
import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.StackSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code backendConfig} stack output: everything the backend and its verifier need, built and
 * written by the verifier's own {@link dev.provably.nautilus.gate.BackendConfig} (the one codec of the
 * contract), so the stack cannot export a config the backend's loader would refuse
 * ({@code pulumi stack output backendConfig --json}).
 */
public final class BackendConfig {
    private BackendConfig() {}

    /** The verifier's config for this stack and these URLs. */
    public static dev.provably.nautilus.gate.BackendConfig config(
            StackSettings settings, List<String> enclaveApiUrls, List<String> healthUrls) {
        var config = dev.provably.nautilus.gate.BackendConfig.builder();
        enclaveApiUrls.forEach(url -> config.enclaveApiUrl(URI.create(url)));
        healthUrls.forEach(url -> config.healthUrl(URI.create(url)));
        settings.enclave()
                .expectedPcrs()
                .values()
                .forEach((index, hex) -> config.expectPcr(index, HexFormat.of().parseHex(hex)));
        config.profile(dev.provably.nautilus.gate.BackendConfig.parseProfile(
                        settings.verifier().profile()))
                .maxAge(Duration.ofSeconds(settings.verifier().maxAgeSeconds()))
                .allowDebug(settings.enclave().debugMode())
                .region(settings.network().region());
        if (settings.verifier().expectedAnalysis() instanceof ExpectedAnalysis.Pinned pinned) {
            var analyzers = new TreeMap<String, byte[]>();
            pinned.analyzers()
                    .forEach((name, hex) -> analyzers.put(name, HexFormat.of().parseHex(hex)));
            config.expectAnalysis(dev.provably.nautilus.gate.ExpectedAnalysis.of(
                    HexFormat.of().parseHex(pinned.policy()), analyzers));
        } else {
            config.anyAnalysis();
        }
        return config.build();
    }

    /**
     * {@link #config} as the output value: its {@code toJson()} read into maps and lists, with whole
     * numbers (every number the config holds: seconds) as {@code Integer}, the values Pulumi
     * serialises (it refuses {@code Long}).
     *
     * @throws BackendConfigException if the settings make a config the verifier would refuse
     */
    public static Map<String, Object> of(StackSettings settings, List<String> enclaveApiUrls, List<String> healthUrls) {
        var json = config(settings, enclaveApiUrls, healthUrls).toJson();
        Map<String, Object> value = new GsonBuilder()
                .setObjectToNumberStrategy(BackendConfig::integerOrDouble)
                .create()
                .fromJson(json, new TypeToken<Map<String, Object>>() {}.getType());
        return Collections.unmodifiableMap(value);
    }

    private static Number integerOrDouble(JsonReader in) throws IOException {
        var text = in.nextString();
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return Double.valueOf(text);
        }
    }

    /** {@code https://<host>} behind a TLS listener, else {@code http://<host>:<apiPort>}. */
    public static String enclaveApiUrl(StackSettings settings, String host) {
        if (settings.network().loadBalancing() instanceof LoadBalancing.Nlb nlb
                && nlb.tlsCertificateArn().isPresent()) {
            return "https://" + host;
        }
        return "http://" + host + ":" + settings.network().apiPort();
    }

    public static String healthUrl(StackSettings settings, String ip) {
        return "http://" + ip + ":" + settings.network().healthPort() + "/health";
    }
}
