package dev.provably.nautilus.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.infra.config.ConfigMaps;
import dev.provably.nautilus.infra.config.ConfigProblem;
import dev.provably.nautilus.infra.config.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BadConfigTest {

    @Test
    @DisplayName("a bad configuration stops the program before any resource is declared, naming every problem")
    void nothingIsDeclared() {
        var run = StackRun.app(
                "test",
                ConfigMaps.with(
                        ConfigMaps.minimal(),
                        "instanceCount",
                        "0",
                        "sshCidrs",
                        "[\"0.0.0.0/0\"]",
                        "sshKeyName",
                        "ops"));

        assertNotEquals(0, run.exitCode);
        assertEquals(List.of(), run.resources, "resources were declared despite invalid config");
        assertEquals(List.of(), run.calls, "invokes ran despite invalid config");
        var error = run.exceptions.stream()
                .filter(InvalidConfigException.class::isInstance)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no InvalidConfigException in " + run.exceptions));
        var problems = assertInstanceOf(InvalidConfigException.class, error).problems();
        assertEquals(
                List.of("nautilus:sshCidrs", "nautilus:instanceCount"),
                problems.stream().map(ConfigProblem::key).toList());
        assertTrue(error.getMessage().contains("0.0.0.0/0 would open SSH"), error.getMessage());
    }
}
