package dev.provably.nautilus.infra.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProjectFileTest {
    private final Map<String, Object> project = ConfigMaps.yaml(ConfigMaps.repoFile("Pulumi.yaml"));

    @Test
    @DisplayName("Pulumi.yaml runs the infra module's self-contained jar on the java runtime")
    @SuppressWarnings("unchecked")
    void runsThePrebuiltJar() {
        assertEquals("nautilus", project.get("name"));
        var runtime = (Map<String, Object>) project.get("runtime");
        assertEquals("java", runtime.get("name"));
        assertEquals(Map.of("binary", "infra/target/nautilus-infra-pulumi.jar"), runtime.get("options"));
    }

    @Test
    @DisplayName("Pulumi.yaml declares exactly the program's keys, each with the program's type, default and description")
    @SuppressWarnings("unchecked")
    void declaresEveryKeyAsTheProgramReadsIt() {
        var declared = (Map<String, Map<String, Object>>) project.get("config");
        assertEquals(Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet()),
                declared.keySet());

        for (var key : ConfigKey.values()) {
            var declaration = declared.get(key.key());
            assertEquals(key.type().yamlName(), declaration.get("type"), key.key());
            assertEquals(key.description(), declaration.get("description"), key.key());
            assertEquals(key.required(), !declaration.containsKey("default"), key.key() + " required");
            key.defaultValue().ifPresent(expected -> assertEquals(expected, configString(declaration.get("default")),
                    key.key() + " default"));
            if (key.type() == ConfigKey.Type.STRING_ARRAY) {
                assertEquals(Map.of("type", "string"), declaration.get("items"), key.key());
            }
        }
    }

    @Test
    @DisplayName("the dev stack sets only declared keys (plus aws:region) and keeps SSH off 0.0.0.0/0")
    void devStackUsesDeclaredKeys() {
        var dev = ConfigMaps.stackFile("Pulumi.dev.yaml");
        var known = Arrays.stream(ConfigKey.values()).map(k -> "nautilus:" + k.key()).collect(Collectors.toSet());
        for (var key : dev.keySet()) {
            assertTrue(key.equals("aws:region") || known.contains(key), "undeclared key " + key);
        }
        assertEquals("us-east-1", dev.get("aws:region"));
        assertEquals("true", dev.get("nautilus:useSpot"));
        assertEquals("1", dev.get("nautilus:instanceCount"));
        assertFalse(dev.get("nautilus:sshCidrs").contains("0.0.0.0/0"));
    }

    /** How the CLI passes a YAML value to the program. */
    private static String configString(Object value) {
        return value instanceof List || value instanceof Map ? new Gson().toJson(value) : String.valueOf(value);
    }
}
