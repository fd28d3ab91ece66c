package dev.provably.nautilus.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.attestation.TrustAnchor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("BackendConfig")
class BackendConfigTest {
    private static final String PCR0 = "aa".repeat(48);
    private static final String PCR1 = "bb".repeat(48);
    private static final String POLICY = "33".repeat(32);
    private static final String PROVENANCE = "11".repeat(32);

    /** The backendConfig object as the infra program writes it. */
    private static JsonObject config() {
        return JsonParser.parseString("{\"enclaveApiUrls\":[\"http://10.0.1.5:5000\",\"http://10.0.2.7:5000\"],"
                        + "\"healthUrls\":[\"http://10.0.1.5:8080/health\"],"
                        + "\"expectedPcrs\":{\"0\":\"" + PCR0 + "\",\"1\":\"" + PCR1 + "\"},"
                        + "\"profile\":\"sui\",\"maxAgeSeconds\":300,\"allowDebug\":false,"
                        + "\"region\":\"us-east-1\","
                        + "\"expectedAnalysis\":{\"policy\":\"" + POLICY + "\","
                        + "\"analyzers\":{\"provenance\":\"" + PROVENANCE + "\"}}}")
                .getAsJsonObject();
    }

    private static BackendConfigException assertRejected(String field, JsonObject config) {
        BackendConfigException e =
                assertThrows(BackendConfigException.class, () -> BackendConfig.fromJson(config.toString()));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        return e;
    }

    @Test
    @DisplayName("reads the backendConfig object itself")
    void bareObject() {
        BackendConfig config = BackendConfig.fromJson(config().toString());
        assertEquals(
                List.of(URI.create("http://10.0.1.5:5000"), URI.create("http://10.0.2.7:5000")),
                config.enclaveApiUrls());
        assertEquals(List.of(URI.create("http://10.0.1.5:8080/health")), config.healthUrls());
        assertEquals(List.of(0, 1), List.copyOf(config.expectedPcrs().keySet()));
        assertArrayEquals(HexFormat.of().parseHex(PCR0), config.expectedPcrs().get(0));
        assertEquals(Profile.SUI, config.profile());
        assertEquals(Duration.ofSeconds(300), config.maxAge());
        assertFalse(config.allowDebug());
        assertEquals("us-east-1", config.region().orElseThrow());
        assertFalse(config.customTrustAnchor());
        assertEquals(
                TrustAnchor.awsNitroRootG1().sha256Hex(), config.trustAnchor().sha256Hex());
        assertEquals(Duration.ofSeconds(30), config.maxReportSkew());
    }

    @Test
    @DisplayName("reads the whole `pulumi stack output --json` object through its backendConfig member")
    void stackOutputs() {
        JsonObject outputs = new JsonObject();
        outputs.addProperty("instanceId", "i-0123456789abcdef0");
        outputs.addProperty("publicIp", "203.0.113.7");
        outputs.add("backendConfig", config());
        BackendConfig config = BackendConfig.fromJson(outputs.toString());
        assertEquals(2, config.enclaveApiUrls().size());
    }

    @Test
    @DisplayName("also accepts the backendConfig member serialised as a JSON string")
    void stackOutputAsString() {
        JsonObject outputs = new JsonObject();
        outputs.addProperty("backendConfig", config().toString());
        assertEquals(Profile.SUI, BackendConfig.fromJson(outputs.toString()).profile());
    }

    @Test
    @DisplayName("reads optional fields: nsm profile, debug, custom anchor, skew; nulls mean absent")
    void optionalFields() {
        JsonObject json = config();
        json.addProperty("profile", "nsm");
        json.addProperty("allowDebug", true);
        json.addProperty("maxReportSkewSeconds", 5);
        json.addProperty("trustAnchorPem", EnclaveSimulator.CA.rootPem());
        json.add("region", JsonNull.INSTANCE);
        json.remove("healthUrls");
        BackendConfig config = BackendConfig.fromJson(json.toString());
        assertEquals(Profile.NSM, config.profile());
        assertTrue(config.allowDebug());
        assertEquals(Duration.ofSeconds(5), config.maxReportSkew());
        assertTrue(config.customTrustAnchor());
        assertEquals(
                TrustAnchor.of(EnclaveSimulator.CA.rootCertificate()).sha256Hex(),
                config.trustAnchor().sha256Hex());
        assertTrue(config.region().isEmpty());
        assertTrue(config.healthUrls().isEmpty());
    }

    @Test
    @DisplayName("accepts region local, which a local-mode run writes (there is no AWS region)")
    void localRegion() {
        JsonObject json = config();
        json.addProperty("region", "local");
        assertEquals("local", BackendConfig.fromJson(json.toString()).region().orElseThrow());
    }

    @Test
    @DisplayName("loads from a file")
    void fromFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stack-outputs.json");
        Files.writeString(file, "{\"backendConfig\":" + config() + "}", StandardCharsets.UTF_8);
        assertEquals(2, BackendConfig.fromFile(file).expectedPcrs().size());
        Files.write(file, new byte[] {'{', (byte) 0xc0, '}'});
        assertThrows(BackendConfigException.class, () -> BackendConfig.fromFile(file));
    }

    @Test
    @DisplayName("refuses documents that are not a JSON object")
    void notAnObject() {
        String[] documents = {"", "[]", "\"x\"", "{", "{} {}", "{\"a\":1,\"a\":2}", "{\"backendConfig\":[]}"};
        for (String json : documents) {
            assertThrows(BackendConfigException.class, () -> BackendConfig.fromJson(json), json);
        }
    }

    @Test
    @DisplayName("refuses missing required fields")
    void required() {
        JsonObject noUrls = config();
        noUrls.remove("enclaveApiUrls");
        assertRejected("enclaveApiUrls", noUrls);
        JsonObject emptyUrls = config();
        emptyUrls.add("enclaveApiUrls", new JsonArray());
        assertRejected("enclaveApiUrls", emptyUrls);
        JsonObject noPcrs = config();
        noPcrs.remove("expectedPcrs");
        assertRejected("expectedPcrs", noPcrs);
        JsonObject emptyPcrs = config();
        emptyPcrs.add("expectedPcrs", new JsonObject());
        assertRejected("expectedPcrs", emptyPcrs);
    }

    @Test
    @DisplayName("refuses unknown fields, so a misspelt policy cannot fall back to a default")
    void unknownField() {
        JsonObject json = config();
        json.addProperty("allowdebug", true);
        assertRejected("allowdebug", json);
    }

    @ParameterizedTest(name = "expectedPcrs {0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "32 | \"" + "aa" + "\"", // PCR index out of range
                "-1 | \"aa\"",
                "01 | \"aa\"",
                "x | \"aa\"",
            })
    void badPcrIndex(String index, String value) {
        JsonObject json = config();
        json.getAsJsonObject("expectedPcrs").add(index, JsonParser.parseString(value));
        assertRejected("expectedPcrs." + index, json);
    }

    @Test
    @DisplayName("refuses PCR values that are not 32/48/64 bytes of hex")
    void badPcrValue() {
        String[] values = {
            "\"" + "a".repeat(95) + "\"",
            "\"" + "zz".repeat(48) + "\"",
            "\"" + "aa".repeat(47) + "\"",
            "48",
            "null",
            "[\"" + PCR0 + "\"]",
            "\"0x" + "aa".repeat(47) + "\""
        };
        for (String value : values) {
            JsonObject json = config();
            json.getAsJsonObject("expectedPcrs").add("0", JsonParser.parseString(value));
            assertRejected("expectedPcrs.0", json);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "profile | \"SUI\"",
                "profile | \"strict\"",
                "profile | 1",
                "maxAgeSeconds | 0",
                "maxAgeSeconds | 86401",
                "maxAgeSeconds | 300.5",
                "maxAgeSeconds | 3e2",
                "maxAgeSeconds | \"300\"",
                "allowDebug | \"false\"",
                "allowDebug | 0",
                "region | \"US-EAST-1\"",
                "region | \"moon\"",
                "region | \"Local\"",
                "region | \"local-1\"",
                "maxReportSkewSeconds | -1",
                "maxReportSkewSeconds | 601",
                "trustAnchorPem | \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"",
                "trustAnchorPem | 5",
                "enclaveApiUrls | \"http://10.0.1.5:5000\"",
                "enclaveApiUrls | [\"ftp://10.0.1.5\"]",
                "enclaveApiUrls | [\"10.0.1.5:5000\"]",
                "enclaveApiUrls | [\"http://user:pw@10.0.1.5:5000\"]",
                "enclaveApiUrls | [\"http://10.0.1.5:5000/?q=1\"]",
                "enclaveApiUrls | [\"http://10.0.1.5 :5000\"]",
                "enclaveApiUrls | [5]",
                "healthUrls | [\"file:///etc/passwd\"]",
            })
    void badField(String field, String value) {
        JsonObject json = config();
        json.add(field, JsonParser.parseString(value));
        BackendConfigException e =
                assertThrows(BackendConfigException.class, () -> BackendConfig.fromJson(json.toString()));
        assertTrue(e.field().startsWith(field), e.field() + " / " + e.getMessage());
    }

    @Test
    @DisplayName("the builder validates like the JSON reader")
    void builder() {
        BackendConfig.Builder builder = BackendConfig.builder();
        assertThrows(BackendConfigException.class, builder::build);
        builder.enclaveApiUrl(URI.create("https://enclave.example:5000"));
        assertThrows(BackendConfigException.class, builder::build);
        assertThrows(BackendConfigException.class, () -> builder.expectPcr(32, new byte[48]));
        assertThrows(BackendConfigException.class, () -> builder.expectPcr(0, new byte[47]));
        assertThrows(BackendConfigException.class, () -> builder.maxAge(Duration.ofMillis(1500)));
        assertThrows(BackendConfigException.class, () -> builder.maxAge(Duration.ZERO));
        assertThrows(BackendConfigException.class, () -> builder.region("Frankfurt"));
        builder.expectPcr(0, new byte[48]);
        assertThrows(BackendConfigException.class, () -> builder.expectPcr(0, new byte[48]), "duplicate index");
        BackendConfigException noAnalysis = assertThrows(BackendConfigException.class, builder::build);
        assertEquals("expectedAnalysis", noAnalysis.field());
        BackendConfig config = builder.anyAnalysis().build();
        assertTrue(config.expectedAnalysis().isEmpty());
        assertEquals(Profile.SUI, config.profile());
        assertEquals(BackendConfig.DEFAULT_MAX_AGE, config.maxAge());
    }

    @Test
    @DisplayName("returns copies of the expected PCR values")
    void pcrCopies() {
        byte[] value = new byte[48];
        BackendConfig config = BackendConfig.builder()
                .enclaveApiUrl(URI.create("http://10.0.1.5:5000"))
                .expectPcr(0, value)
                .anyAnalysis()
                .build();
        value[0] = 1;
        config.expectedPcrs().get(0)[1] = 1;
        assertArrayEquals(new byte[48], config.expectedPcrs().get(0));
        assertThrows(
                UnsupportedOperationException.class, () -> config.expectedPcrs().put(1, new byte[48]));
    }

    @Test
    @DisplayName("expectedAnalysis is required: the identities to accept, or the written-out \"any\"")
    void expectedAnalysis() {
        BackendConfig config = BackendConfig.fromJson(config().toString());
        ExpectedAnalysis expected = config.expectedAnalysis().orElseThrow();
        assertEquals(POLICY, HexFormat.of().formatHex(expected.policyIdentity()));
        assertEquals(List.of("provenance"), List.copyOf(expected.analyzers().keySet()));

        JsonObject missing = config();
        missing.remove("expectedAnalysis");
        assertTrue(assertRejected("expectedAnalysis", missing).getMessage().contains("\"any\""));
        JsonObject nulled = config();
        nulled.add("expectedAnalysis", com.google.gson.JsonNull.INSTANCE);
        assertRejected("expectedAnalysis", nulled);

        JsonObject any = config();
        any.addProperty("expectedAnalysis", "any");
        assertTrue(BackendConfig.fromJson(any.toString()).expectedAnalysis().isEmpty());
        JsonObject anyCaps = config();
        anyCaps.addProperty("expectedAnalysis", "ANY");
        assertRejected("expectedAnalysis", anyCaps);
    }

    @Test
    @DisplayName("expectedAnalysis refuses short identities, unknown members and an empty analyzer list")
    void expectedAnalysisShape() {
        JsonObject shortPolicy = config();
        shortPolicy.getAsJsonObject("expectedAnalysis").addProperty("policy", "33".repeat(31));
        assertRejected("expectedAnalysis.policy", shortPolicy);
        JsonObject badAnalyzer = config();
        badAnalyzer
                .getAsJsonObject("expectedAnalysis")
                .getAsJsonObject("analyzers")
                .addProperty("model", "zz".repeat(32));
        assertRejected("expectedAnalysis.analyzers.model", badAnalyzer);
        JsonObject extra = config();
        extra.getAsJsonObject("expectedAnalysis").addProperty("threshold", 9000);
        assertRejected("expectedAnalysis", extra);
        JsonObject empty = config();
        empty.getAsJsonObject("expectedAnalysis").add("analyzers", new JsonObject());
        assertRejected("expectedAnalysis.analyzers", empty);
    }

    @Test
    @DisplayName("ExpectedAnalysis.toJson is the member fromJson reads back")
    void expectedAnalysisRoundTrip() {
        ExpectedAnalysis expected =
                BackendConfig.fromJson(config().toString()).expectedAnalysis().orElseThrow();
        JsonObject written = config();
        written.add("expectedAnalysis", expected.toJson());
        assertEquals(config().get("expectedAnalysis"), written.get("expectedAnalysis"));
        assertEquals(
                expected.toString(),
                BackendConfig.fromJson(written.toString())
                        .expectedAnalysis()
                        .orElseThrow()
                        .toString());
    }

    @Test
    @DisplayName("toJson writes exactly the documented object the infra program exports, which fromJson reads back")
    void toJsonIsTheStackOutput() {
        BackendConfig config = BackendConfig.fromJson(config().toString());
        assertEquals(config().toString(), config.toJson());
        assertEquals(config.toString(), BackendConfig.fromJson(config.toJson()).toString());
    }

    @Test
    @DisplayName("toJson round-trips every member: nsm, debug, skew, custom anchor, \"any\" analysis, no region")
    void toJsonRoundTripsOptionalFields() {
        JsonObject json = config();
        json.addProperty("profile", "nsm");
        json.addProperty("allowDebug", true);
        json.addProperty("maxReportSkewSeconds", 5);
        json.addProperty("trustAnchorPem", EnclaveSimulator.CA.rootPem());
        json.addProperty("expectedAnalysis", "any");
        json.remove("region");
        BackendConfig config = BackendConfig.fromJson(json.toString());
        BackendConfig again = BackendConfig.fromJson(config.toJson());
        assertEquals(config.toString(), again.toString());
        assertTrue(again.customTrustAnchor());
        assertTrue(again.expectedAnalysis().isEmpty());
        assertTrue(again.region().isEmpty());
        JsonObject written = JsonParser.parseString(config.toJson()).getAsJsonObject();
        assertEquals(
                List.of(
                        "enclaveApiUrls",
                        "healthUrls",
                        "expectedPcrs",
                        "profile",
                        "maxAgeSeconds",
                        "allowDebug",
                        "trustAnchorPem",
                        "maxReportSkewSeconds",
                        "expectedAnalysis"),
                List.copyOf(written.keySet()));
        assertEquals("any", written.get("expectedAnalysis").getAsString());
    }

    @Test
    @DisplayName("toStackOutputJson is the `pulumi stack output --json` shape: one backendConfig member")
    void toStackOutputJson() {
        BackendConfig config = BackendConfig.fromJson(config().toString());
        String outputs = config.toStackOutputJson();
        JsonObject parsed = JsonParser.parseString(outputs).getAsJsonObject();
        assertEquals(List.of("backendConfig"), List.copyOf(parsed.keySet()));
        assertEquals(config(), parsed.get("backendConfig"));
        assertTrue(outputs.endsWith("}\n"), outputs);
    }

    @ParameterizedTest
    @CsvSource({"sui, SUI", "nsm, NSM"})
    @DisplayName("profile names: sui and nsm, both ways")
    void profileNames(String name, Profile profile) {
        assertEquals(profile, BackendConfig.parseProfile(name));
        assertEquals(name, BackendConfig.profileName(profile));
    }

    @ParameterizedTest
    @CsvSource({"SUI", "Sui", "tdx", "''"})
    @DisplayName("any other profile name is refused, naming the profile field")
    void badProfileName(String name) {
        assertEquals(
                "profile",
                assertThrows(BackendConfigException.class, () -> BackendConfig.parseProfile(name))
                        .field());
    }

    @Test
    @DisplayName("AWS region names: us-east-1, eu-central-2, us-gov-west-1; not local, not upper case")
    void awsRegions() {
        for (String region : List.of("us-east-1", "eu-central-2", "us-gov-west-1", "ap-southeast-10")) {
            assertTrue(BackendConfig.isAwsRegion(region), region);
        }
        for (String region : List.of("local", "US-EAST-1", "us-east", "useast1", "us-east-100", "")) {
            assertFalse(BackendConfig.isAwsRegion(region), region);
        }
        assertFalse(BackendConfig.isAwsRegion(null));
    }
}
