package dev.provably.nautilus.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.infra.config.ConfigKey;
import dev.provably.nautilus.infra.config.ConfigMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** infra/README.md stays true: its resource lists come from the mocks, and its deploy snippet deploys. */
class ReadmeTest {
    private static final Pattern CONFIG_SET =
            Pattern.compile("pulumi config set (--path )?'?([A-Za-z0-9:]+)(\\[(\\d+)])?'? (\\S+)");
    /** Stand-ins for the shell variables the snippet sets from nitro-cli describe-eif. */
    private static final Map<String, String> SHELL = Map.of(
            "\"$PCR0\"",
            "ab".repeat(48),
            "\"$PCR1\"",
            "cd".repeat(48),
            "\"$PCR2\"",
            "ef".repeat(48),
            "\"policy=$POLICY\"",
            "policy=" + "01".repeat(32),
            "\"provenance=$PROVENANCE\"",
            "provenance=" + "23".repeat(32),
            "\"c2pa=$C2PA\"",
            "c2pa=" + "67".repeat(32),
            "\"model=$MODEL\"",
            "model=" + "45".repeat(32));

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    /** The text between {@code <!-- name -->} and {@code <!-- /name -->}, without its code fence. */
    static String section(String text, String name) {
        var start = text.indexOf("<!-- " + name + " -->");
        var end = text.indexOf("<!-- /" + name + " -->");
        assertTrue(start >= 0 && end > start, "README has no section " + name);
        var body = text.substring(start, end);
        return body.substring(
                body.indexOf("```") + body.substring(body.indexOf("```")).indexOf('\n') + 1, body.lastIndexOf("```"));
    }

    /** Components in declaration order, each followed by its resources (type and logical name), as a preview lists them. */
    static String previewList(StackRun run) {
        var out = new StringBuilder();
        for (var component : run.resources) {
            if (!component.component()) {
                continue;
            }
            out.append("+ ")
                    .append(component.type())
                    .append("  ")
                    .append(component.name())
                    .append('\n');
            run.resources.stream()
                    .filter(r -> !r.component() && r.parentType().equals(component.type()))
                    .map(r -> "+     " + r.type() + "  " + r.name() + "\n")
                    .sorted()
                    .forEach(out::append);
        }
        return out.toString();
    }

    @Test
    @DisplayName(
            "the dev and prod resource lists are what the program declares for Pulumi.dev.yaml and Pulumi.prod.yaml")
    void resourceLists() throws IOException {
        var lists = new LinkedHashMap<String, String>();
        for (var stack : List.of("dev", "prod")) {
            var run = StackRun.app(stack, ConfigMaps.stackFile("Pulumi." + stack + ".yaml"));
            assertEquals(0, run.exitCode, () -> stack + ": " + run.exceptions);
            lists.put(stack, previewList(run));
            // Written for regenerating the README after a deliberate change.
            Files.writeString(Path.of("target", "preview-" + stack + ".txt"), previewList(run));
        }
        for (var stack : lists.keySet()) {
            assertEquals(lists.get(stack), section(readme(), "resources:" + stack), "README resources:" + stack);
        }
    }

    /** The stack config the snippet's {@code pulumi config set} lines build, as the CLI would pass it. */
    static Map<String, String> snippetConfig(String snippet) {
        var config = new LinkedHashMap<String, String>();
        var lists = new LinkedHashMap<String, List<String>>();
        for (var line : snippet.split("\n")) {
            var m = CONFIG_SET.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            var key = m.group(2).contains(":") ? m.group(2) : "nautilus:" + m.group(2);
            var value = SHELL.getOrDefault(m.group(5), m.group(5));
            if (m.group(3) != null) {
                var list = lists.computeIfAbsent(key, k -> new ArrayList<>());
                assertEquals(list.size(), Integer.parseInt(m.group(4)), line);
                list.add(value);
            } else {
                config.put(key, value);
            }
        }
        lists.forEach((key, values) -> config.put(key, new com.google.gson.Gson().toJson(values)));
        return config;
    }

    @Test
    @DisplayName(
            "the deploy snippet alone (a fresh stack) configures a valid stack: region, apiCidrs, bucket, PCR0-2, analysis, no key pair")
    void deploySnippetDeploys() throws IOException {
        var snippet = section(readme(), "deploy-snippet");
        assertTrue(snippet.contains("pulumi stack init"), "starts from a fresh stack");
        assertTrue(snippet.contains("aws s3 mb"), "creates the artifact bucket the stack does not create");
        for (var pcr : List.of("PCR0", "PCR1", "PCR2")) {
            assertTrue(
                    snippet.contains(
                            pcr + "=$(nitro-cli describe-eif --eif-path nautilus-enclave.eif | jq -r .Measurements."
                                    + pcr + ")"),
                    pcr + " from describe-eif");
        }
        assertTrue(
                snippet.contains("java -jar enclave/target/nautilus-enclave.jar analyze"),
                "identities from the enclave jar");
        var config = snippetConfig(snippet);
        for (var key : List.of(
                "aws:region",
                "nautilus:apiCidrs",
                "nautilus:artifactBucket",
                "nautilus:eifKey",
                "nautilus:expectedPcr0",
                "nautilus:expectedPcr1",
                "nautilus:expectedPcr2",
                "nautilus:expectedAnalysis")) {
            assertTrue(config.containsKey(key), "the snippet sets " + key + ": " + config.keySet());
        }
        assertTrue(!config.containsKey("nautilus:sshKeyName"), "no key pair to create (item 4)");

        var run = StackRun.app("staging", config);
        assertEquals(0, run.exitCode, () -> "the snippet's stack failed: " + run.exceptions);
        Map<String, Object> backend = run.output("backendConfig");
        assertEquals(3, ((Map<?, ?>) backend.get("expectedPcrs")).size());
        assertEquals(
                Map.of(
                        "policy",
                        "01".repeat(32),
                        "analyzers",
                        Map.of("provenance", "23".repeat(32), "c2pa", "67".repeat(32), "model", "45".repeat(32))),
                backend.get("expectedAnalysis"));
        assertTrue(((List<?>) backend.get("enclaveApiUrls")).get(0).toString().contains(AwsMocks.LB_DNS));
    }

    @Test
    @DisplayName("the configuration table lists every key the program reads, with its default")
    void configurationTable() throws IOException {
        var text = readme();
        for (var key : ConfigKey.values()) {
            var row = "| `" + key.key() + "` |";
            assertTrue(text.contains(row), "README misses " + key.key());
            var line = text.substring(text.indexOf(row), text.indexOf('\n', text.indexOf(row)));
            var shown = key.defaultValue().map(d -> d.isEmpty() ? "\"\"" : d).map(d -> "`" + d + "`");
            assertTrue(line.contains(shown.orElse("**required**")), line);
        }
    }
}
