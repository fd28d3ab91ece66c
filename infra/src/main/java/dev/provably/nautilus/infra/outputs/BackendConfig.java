package dev.provably.nautilus.infra.outputs;

import dev.provably.nautilus.infra.config.LoadBalancing;
import dev.provably.nautilus.infra.config.StackSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code backendConfig} stack output: everything the backend and its verifier need, in the shape
 * the verifier's loader reads ({@code pulumi stack output backendConfig --json}).
 */
public final class BackendConfig {
    private BackendConfig() {}

    public static Map<String, Object> of(StackSettings settings, List<String> enclaveApiUrls, List<String> healthUrls) {
        var config = new LinkedHashMap<String, Object>();
        config.put("enclaveApiUrls", List.copyOf(enclaveApiUrls));
        config.put("healthUrls", List.copyOf(healthUrls));
        config.put("expectedPcrs", settings.enclave().expectedPcrs().byIndexString());
        config.put("profile", settings.verifier().profile());
        config.put("maxAgeSeconds", settings.verifier().maxAgeSeconds());
        config.put("allowDebug", settings.enclave().debugMode());
        config.put("region", settings.network().region());
        config.put("expectedAnalysis", settings.verifier().expectedAnalysis().backendConfigValue());
        return Collections.unmodifiableMap(config);
    }

    /** {@code https://<host>} behind a TLS listener, else {@code http://<host>:<apiPort>}. */
    public static String enclaveApiUrl(StackSettings settings, String host) {
        if (settings.network().loadBalancing() instanceof LoadBalancing.Nlb nlb && nlb.tlsCertificateArn().isPresent()) {
            return "https://" + host;
        }
        return "http://" + host + ":" + settings.network().apiPort();
    }

    public static String healthUrl(StackSettings settings, String ip) {
        return "http://" + ip + ":" + settings.network().healthPort() + "/health";
    }
}
