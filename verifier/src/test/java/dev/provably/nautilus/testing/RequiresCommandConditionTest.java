package dev.provably.nautilus.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequiresCommandConditionTest {

    private static Path tool(Path dir, String name) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    @DisplayName("a command that is on the PATH enables the test")
    void present(@TempDir Path dir) throws Exception {
        tool(dir, "lint");
        var condition = new RequiresCommandCondition(Map.of("PATH", "/nonexistent:" + dir, "CI", "true"));
        assertFalse(condition.evaluate(List.of("lint")).isDisabled());
    }

    @Test
    @DisplayName("a missing command skips the test outside CI and names what to install")
    void missingOutsideCi(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lint"), "not executable");
        var result = new RequiresCommandCondition(Map.of("PATH", dir.toString())).evaluate(List.of("lint"));
        assertTrue(result.isDisabled());
        assertTrue(result.getReason().orElseThrow().contains("apt-get install lint"), result.toString());
    }

    @Test
    @DisplayName("with CI=true a missing command fails instead of skipping")
    void missingInCi(@TempDir Path dir) throws Exception {
        tool(dir, "lint");
        var condition = new RequiresCommandCondition(Map.of("PATH", dir.toString(), "CI", "true"));
        var failure = assertThrows(AssertionError.class, () -> condition.evaluate(List.of("lint", "jq-missing")));
        assertTrue(failure.getMessage().contains("jq-missing"), failure.getMessage());
    }
}
