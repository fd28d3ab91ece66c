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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    @DisplayName(
            "Pulumi.yaml declares exactly the program's keys, each with the program's type, default and description")
    @SuppressWarnings("unchecked")
    void declaresEveryKeyAsTheProgramReadsIt() {
        var declared = (Map<String, Map<String, Object>>) project.get("config");
        assertEquals(
                Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toSet()), declared.keySet());

        for (var key : ConfigKey.values()) {
            var declaration = declared.get(key.key());
            assertEquals(key.type().yamlName(), declaration.get("type"), key.key());
            assertEquals(key.description(), declaration.get("description"), key.key());
            assertEquals(key.required(), !declaration.containsKey("default"), key.key() + " required");
            key.defaultValue()
                    .ifPresent(expected ->
                            assertEquals(expected, configString(declaration.get("default")), key.key() + " default"));
            if (key.type() == ConfigKey.Type.STRING_ARRAY) {
                assertEquals(Map.of("type", "string"), declaration.get("items"), key.key());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pulumi.dev.yaml", "Pulumi.prod.yaml"})
    @DisplayName(
            "each stack file sets only declared keys (plus aws:region), no SSH and no key pair, and admits API clients")
    void stackFilesUseDeclaredKeys(String file) {
        var stack = ConfigMaps.stackFile(file);
        var known = Arrays.stream(ConfigKey.values())
                .map(k -> "nautilus:" + k.key())
                .collect(Collectors.toSet());
        for (var key : stack.keySet()) {
            assertTrue(key.equals("aws:region") || known.contains(key), "undeclared key " + key);
        }
        assertEquals("us-east-1", stack.get("aws:region"));
        assertEquals("true", stack.get("nautilus:useSpot"));
        assertFalse(stack.containsKey("nautilus:sshCidrs"), "SSH is off: Session Manager instead");
        assertFalse(stack.containsKey("nautilus:sshKeyName"), "no key pair that nothing creates (item 4)");
        assertTrue(stack.get("nautilus:apiCidrs").startsWith("[\""), "the default admits no one (item 12)");
        assertFalse(stack.get("nautilus:apiCidrs").contains("0.0.0.0/0"));
    }

    /** How the CLI passes a YAML value to the program. */
    private static String configString(Object value) {
        return value instanceof List || value instanceof Map ? new Gson().toJson(value) : String.valueOf(value);
    }
}
