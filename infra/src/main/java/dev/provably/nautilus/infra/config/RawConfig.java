package dev.provably.nautilus.infra.config;

import com.pulumi.Context;
import java.util.Map;
import java.util.Optional;

/**
 * Raw stack configuration: config-string values looked up by namespace and key, exactly as the Pulumi
 * engine passes them to the program (arrays and objects as JSON text). Keeping this seam tiny lets the
 * parser be tested from a plain map without the SDK's internal API.
 */
@FunctionalInterface
public interface RawConfig {

    Optional<String> get(String namespace, String key);

    /** Reads through {@link Context#config(String)}. */
    static RawConfig of(Context ctx) {
        return (namespace, key) -> ctx.config(namespace).get(key);
    }

    /** Reads from a map of {@code "namespace:key"} to config-string, the shape of {@code PULUMI_CONFIG}. */
    static RawConfig of(Map<String, String> values) {
        var copy = Map.copyOf(values);
        return (namespace, key) -> Optional.ofNullable(copy.get(namespace + ":" + key));
    }
}
