package dev.provably.nautilus.gate;

import static dev.provably.nautilus.gate.EnclaveSimulator.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.report.ReportJson;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GateOutputLine: the gate's output line, written and read by one codec")
class GateOutputLineTest {
    private static final List<String> MEMBERS = List.of(
            "file",
            "accepted",
            "reason",
            "detail",
            "report",
            "reportBcs",
            "publicKey",
            "moduleId",
            "attestationTimestamp",
            "sui");

    private static AcceptedReport accepted() throws GateRejection {
        EnclaveSimulator enclave = new EnclaveSimulator();
        ReportGate gate = ReportGate.builder(EnclaveSimulator.config().build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        return gate.check(enclave.respond(ReportFixtures.sample()).json(), ReportGateTest.EXPECTED);
    }

    @Test
    @DisplayName("an accepted line: every member in the documented order, read back as written")
    void acceptedRoundTrip() throws Exception {
        AcceptedReport report = accepted();
        JsonObject sui = new JsonObject();
        sui.addProperty("ptb", "sui client ptb <q>");
        String json = GateOutputLine.accepted("r.json", report, sui).toJson();
        JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(MEMBERS, List.copyOf(tree.keySet()));
        assertTrue(json.contains("<q>"), "no HTML escaping: " + json);
        assertFalse(json.contains("\n"), "one line");

        GateOutputLine line = GateOutputLine.parse(json);
        assertEquals("r.json", line.file());
        assertTrue(line.accepted());
        assertTrue(line.reason().isEmpty());
        assertTrue(line.detail().isEmpty());
        assertEquals(ReportJson.view(report.message()), line.report().orElseThrow());
        assertEquals(
                HexFormat.of().formatHex(report.publicKey()), line.publicKey().orElseThrow());
        assertEquals(report.attestation().moduleId(), line.moduleId().orElseThrow());
        assertEquals(
                report.attestation().timestampMillis(),
                line.attestationTimestamp().orElseThrow());
        assertEquals(sui, line.sui().orElseThrow());
        assertEquals(ReportFixtures.SAMPLE_BCS_HEX, tree.get("reportBcs").getAsString());
        assertEquals(json, line.toJson());
    }

    @Test
    @DisplayName("without --sui the accepted line says \"sui\": null")
    void acceptedWithoutSui() throws Exception {
        String json = GateOutputLine.accepted("r.json", accepted(), null).toJson();
        assertTrue(JsonParser.parseString(json).getAsJsonObject().get("sui").isJsonNull());
        assertTrue(GateOutputLine.parse(json).sui().isEmpty());
    }

    @Test
    @DisplayName("a rejected line: reason and detail, every other member null")
    void rejectedRoundTrip() throws Exception {
        String json = GateOutputLine.rejected("t.json", "REPLAYED", "already accepted")
                .toJson();
        assertEquals(
                "{\"file\":\"t.json\",\"accepted\":false,\"reason\":\"REPLAYED\",\"detail\":\"already accepted\","
                        + "\"report\":null,\"reportBcs\":null,\"publicKey\":null,\"moduleId\":null,\"attestationTimestamp\":null,"
                        + "\"sui\":null}",
                json);
        GateOutputLine line = GateOutputLine.parse(json);
        assertFalse(line.accepted());
        assertEquals("REPLAYED", line.reason().orElseThrow());
        assertEquals("already accepted", line.detail().orElseThrow());
        assertTrue(line.report().isEmpty());
        assertTrue(line.attestationTimestamp().isEmpty());
    }

    @Test
    @DisplayName(
            "the reader refuses a missing or extra member, a wrong type, and a verdict that contradicts its members")
    void readerRefuses() throws Exception {
        JsonObject rejected = JsonParser.parseString(
                        GateOutputLine.rejected("t.json", "X", "y").toJson())
                .getAsJsonObject();
        JsonObject missing = rejected.deepCopy();
        missing.remove("moduleId");
        JsonObject extra = rejected.deepCopy();
        extra.addProperty("valid", false);
        JsonObject notBoolean = rejected.deepCopy();
        notBoolean.addProperty("accepted", "no");
        JsonObject contradicts = rejected.deepCopy();
        contradicts.addProperty("publicKey", "ab");
        JsonObject acceptedWithReason = JsonParser.parseString(
                        GateOutputLine.accepted("r.json", accepted(), null).toJson())
                .getAsJsonObject();
        acceptedWithReason.addProperty("reason", "REPLAYED");
        List<JsonObject> bad = List.of(missing, extra, notBoolean, contradicts, acceptedWithReason);
        List<String> said = List.of(
                "moduleId is missing",
                "valid",
                "accepted must be true or false",
                "publicKey must be null",
                "reason must be null");
        for (int i = 0; i < bad.size(); i++) {
            String text = bad.get(i).toString();
            GateOutputLine.Malformed e = assertThrows(GateOutputLine.Malformed.class, () -> GateOutputLine.parse(text));
            assertTrue(e.getMessage().contains(said.get(i)), text + " -> " + e.getMessage());
        }
        assertThrows(GateOutputLine.Malformed.class, () -> GateOutputLine.parse("{oops"));
        assertThrows(GateOutputLine.Malformed.class, () -> GateOutputLine.parse("[]"));
    }
}
