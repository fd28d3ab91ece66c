package dev.provably.nautilus.infra.host;

import static dev.provably.nautilus.infra.config.ConfigMaps.minimal;
import static dev.provably.nautilus.infra.config.ConfigMaps.parse;
import static dev.provably.nautilus.infra.config.ConfigMaps.with;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.infra.config.InvalidConfigException;
import dev.provably.nautilus.infra.config.StackSettingsParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The host-side fixes of issue 13 (items 3, 10, 11) and the user-data size limit over every config shape. */
class HostFixesTest {
    private static final String IMAGE =
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/nautilus/enclave@sha256:" + "d".repeat(64);

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected to find:\n" + expected + "\nin:\n" + text);
    }

    @Test
    @DisplayName("item 3: nitro-cli build-enclave gets HOME and NITRO_CLI_ARTIFACTS under cloud-init, before it runs")
    void buildEnclaveHasHome() {
        var userData = HostFilesRenderer.render(parse(with(minimal(), "eifKey", null, "enclaveImage", IMAGE)))
                .userData();
        int exportAt =
                userData.indexOf("export HOME=/root NITRO_CLI_ARTIFACTS=/var/lib/nautilus/nitro-cli-artifacts\n");
        int buildAt = userData.indexOf("nitro-cli build-enclave --docker-uri");
        assertTrue(exportAt > 0 && exportAt < buildAt, "HOME is exported before the build");
        assertContains(userData, "install -d -m 0700 \"$NITRO_CLI_ARTIFACTS\"\n");
    }

    @Test
    @DisplayName(
            "item 10: the host refuses (exit 78, no restart) enclave memory below 4 x the EIF size, before run-enclave")
    void enclaveMemoryCoversTheImage() {
        var run = HostFilesRenderer.render(parse(with(minimal(), "enclaveMemoryMib", "3000")))
                .file(HostFilesRenderer.RUN_ENCLAVE);
        assertContains(run, "if (( 3000 < 4 * eif_mib )); then\n");
        assertContains(run, "raise it to at least $(( 4 * eif_mib ))\" >&2\n  exit 78\n");
        assertTrue(run.indexOf("4 * eif_mib") < run.indexOf("nitro-cli run-enclave"));
    }

    @Test
    @DisplayName("item 11: the health JVM's heap is capped well below what the parent keeps")
    void healthHeapFitsTheParent() {
        var unit = HostFilesRenderer.render(parse(minimal())).file(HostFilesRenderer.HEALTH_SERVICE);
        assertContains(unit, "ExecStart=/usr/bin/java -Xmx" + HostFilesRenderer.HEALTH_HEAP_MIB + "m ");
        assertTrue(
                HostFilesRenderer.HEALTH_HEAP_MIB * 4 <= StackSettingsParser.PARENT_MIN_MEMORY_MIB,
                "heap leaves room for the OS, agent, socat and the JVM's own overhead");
    }

    /** Every shape the user data can take, with the longest values the parser accepts where they reach it. */
    static Stream<Map<String, String>> everyConfig() {
        var longBucket = "b".repeat(63);
        var longKey = "k".repeat(StackSettingsParser.MAX_OBJECT_KEY_LENGTH - 1);
        var longGroup = "/" + "g".repeat(StackSettingsParser.MAX_LOG_GROUP_LENGTH - 1);
        var configs = new ArrayList<Map<String, String>>();
        for (var source : List.of("eif", "image", "public-image")) {
            for (var mode : List.of("nlb", "none")) {
                for (var flags : List.of(List.of("false", "false"), List.of("true", "true"))) {
                    var config = with(
                            minimal(),
                            "loadBalancer",
                            mode,
                            "maxInstances",
                            "1",
                            "enableAlarms",
                            flags.get(0),
                            "debugMode",
                            flags.get(1),
                            "artifactBucket",
                            longBucket,
                            "hostJarKey",
                            longKey,
                            "logGroupName",
                            longGroup,
                            "hostJarSha256",
                            "a".repeat(64),
                            "expectedPcr1",
                            "1".repeat(96),
                            "expectedPcr2",
                            "2".repeat(96),
                            "apiPort",
                            "65535",
                            "healthPort",
                            "65534",
                            "enclaveCid",
                            "4294967294");
                    if (source.equals("eif")) {
                        config = with(config, "eifKey", longKey + "x");
                    } else {
                        config = with(
                                config,
                                "eifKey",
                                null,
                                "enclaveImage",
                                source.equals("image")
                                        ? IMAGE
                                        : "registry.example:5000/"
                                                + "n".repeat(StackSettingsParser.MAX_IMAGE_LENGTH - 94) + "@sha256:"
                                                + "e".repeat(64));
                    }
                    configs.add(config);
                }
            }
        }
        return configs.stream();
    }

    @Test
    @DisplayName("the longest accepted values are at the caps, and one character more is refused")
    void capsAreEnforced() {
        var tooLong = with(minimal(), "eifKey", "k".repeat(StackSettingsParser.MAX_OBJECT_KEY_LENGTH + 1));
        assertThrows(InvalidConfigException.class, () -> parse(tooLong));
        var group = with(minimal(), "logGroupName", "/" + "g".repeat(StackSettingsParser.MAX_LOG_GROUP_LENGTH));
        assertThrows(InvalidConfigException.class, () -> parse(group));
        everyConfig().forEach(config -> parse(config));
    }

    @ParameterizedTest
    @MethodSource("everyConfig")
    @DisplayName("the user data stays under EC2's 16 KiB (raw, before base64) for every supported config shape")
    void userDataFits(Map<String, String> config) {
        var userData = HostFilesRenderer.render(parse(config)).userData();
        int size = userData.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size < HostFilesRenderer.USER_DATA_LIMIT_BYTES, "user data is " + size + " bytes");
    }
}
