package dev.provably.nautilus.infra.config;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Stack configurations as the engine passes them: {@code "namespace:key"} to config-string. */
public final class ConfigMaps {
    public static final String PROJECT = "nautilus";
    public static final String PCR0 = "a".repeat(32) + "b".repeat(32) + "c".repeat(32);
    public static final String PCR1 = "1".repeat(96);
    public static final String PCR2 = "2".repeat(96);
    public static final String BUCKET = "nautilus-test-artifacts";
    public static final String EIF_KEY = "enclave/nautilus.eif";
    public static final String POLICY_ID = "5a".repeat(32);
    public static final String PROVENANCE_ID = "6b".repeat(32);
    public static final String MODEL_ID = "7c".repeat(32);
    /** expectedAnalysis as the CLI passes a YAML list: JSON. */
    public static final String ANALYSIS =
            "[\"policy=" + POLICY_ID + "\",\"provenance=" + PROVENANCE_ID + "\",\"model=" + MODEL_ID + "\"]";

    private ConfigMaps() {}

    /** Only the required settings; everything else takes its default. */
    public static Map<String, String> minimal() {
        var config = new LinkedHashMap<String, String>();
        config.put("aws:region", "us-east-1");
        config.put(PROJECT + ":artifactBucket", BUCKET);
        config.put(PROJECT + ":eifKey", EIF_KEY);
        config.put(PROJECT + ":expectedPcr0", PCR0);
        config.put(PROJECT + ":expectedAnalysis", ANALYSIS);
        return config;
    }

    /**
     * A copy of {@code base} with project keys set (pairs of key and config-string); a value of
     * {@code null} removes the key. Keys containing ':' are taken as fully qualified.
     */
    public static Map<String, String> with(Map<String, String> base, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        var config = new LinkedHashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            var key = keyValues[i].contains(":") ? keyValues[i] : PROJECT + ":" + keyValues[i];
            if (keyValues[i + 1] == null) {
                config.remove(key);
            } else {
                config.put(key, keyValues[i + 1]);
            }
        }
        return config;
    }

    public static StackSettings parse(Map<String, String> config) {
        return parse(config, "test");
    }

    public static StackSettings parse(Map<String, String> config, String stack) {
        return new StackSettingsParser().parse(RawConfig.of(config), PROJECT, stack);
    }

    /** A file at the repository root (tests run in the module directory). */
    public static Path repoFile(String name) {
        var here = Path.of("").toAbsolutePath();
        for (var dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("Pulumi.yaml"))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException("no Pulumi.yaml above " + here);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code config:} section of a stack file flattened the way the Pulumi CLI hands it to the
     * program: scalars as strings, lists and maps as JSON.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> stackFile(String name) {
        var config = (Map<String, Object>) yaml(repoFile(name)).get("config");
        var flat = new LinkedHashMap<String, String>();
        config.forEach((key, value) -> flat.put(
                key, value instanceof List || value instanceof Map ? new Gson().toJson(value) : String.valueOf(value)));
        return flat;
    }
}
