package dev.provably.nautilus.infra.host;

import static dev.provably.nautilus.infra.config.ConfigMaps.PCR1;
import static dev.provably.nautilus.infra.config.ConfigMaps.minimal;
import static dev.provably.nautilus.infra.config.ConfigMaps.parse;
import static dev.provably.nautilus.infra.config.ConfigMaps.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.provably.nautilus.testing.RequiresCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lints the rendered user data and every rendered script with ShellCheck: style severity with every
 * optional check on, except SC2250 (braces around every variable, a pure style preference).
 * Skipped where ShellCheck is not installed, except under CI=true (.ci/run installs it), where that fails.
 */
@RequiresCommand("shellcheck")
class ShellcheckTest {

    static Stream<Arguments> scripts() {
        var variants = Map.of(
                "defaults", HostFilesRenderer.render(parse(minimal())),
                "kms", HostFilesRenderer.render(parse(with(minimal(), "createKmsKey", "true"))),
                "image+debug+alarms+pcr1",
                        HostFilesRenderer.render(parse(with(
                                minimal(),
                                "eifKey",
                                null,
                                "enclaveImage",
                                HostFilesRendererTest.ECR_IMAGE,
                                "debugMode",
                                "true",
                                "enableAlarms",
                                "true",
                                "expectedPcr1",
                                PCR1,
                                "hostJarSha256",
                                "cd".repeat(32)))));
        var out = new ArrayList<Arguments>();
        variants.forEach((variant, files) -> {
            out.add(Arguments.of(variant, "user-data.sh", files.userData()));
            files.files().forEach((path, content) -> {
                if (path.endsWith(".sh")) {
                    out.add(Arguments.of(variant, path.substring(path.lastIndexOf('/') + 1), content));
                }
            });
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("scripts")
    @DisplayName("passes shellcheck")
    void passesShellcheck(String variant, String name, String script, @TempDir Path dir)
            throws IOException, InterruptedException {
        var file = dir.resolve(name);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        var process = new ProcessBuilder(List.of(
                        "shellcheck",
                        "--severity=style",
                        "--enable=all",
                        "--exclude=SC2250",
                        "--format=gcc",
                        file.toString()))
                .redirectErrorStream(true)
                .start();
        var report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("shellcheck timed out on " + name);
        }
        assertEquals(0, process.exitValue(), () -> variant + " " + name + ":\n" + report);
    }
}
