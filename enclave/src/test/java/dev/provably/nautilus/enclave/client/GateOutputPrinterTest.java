package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.provably.nautilus.gate.GateOutputLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GateOutputPrinter and PrettyJson: the gate's output for people")
class GateOutputPrinterTest {
    private static final String ACCEPTED = "{\"file\":\"r.json\",\"accepted\":true,\"reason\":null,\"detail\":null,"
            + "\"report\":{\"intent\":0,\"analysis\":{\"verdict\":\"AI_GENERATED\"}},\"reportBcs\":\"00\",\"publicKey\":\"ab\","
            + "\"moduleId\":\"i-local\",\"attestationTimestamp\":0,\"sui\":{\"registration\":{\"registerBefore\":\"T\"},"
            + "\"report\":{\"function\":\"<PACKAGE_ID>::media_report::submit_report\"},"
            + "\"ptb\":{\"report\":\"sui client ptb \\\\\\n  --move-call 'f' 'vector[" + "0x01u8,".repeat(99)
            + "0x01u8]' 1u8\"}}}";
    private static final String REJECTED = "{\"file\":\"t.json\",\"accepted\":false,\"reason\":\"USER_DATA_MISMATCH\","
            + "\"detail\":\"the attested user_data is not SHA-256 of the report bytes\",\"report\":null,\"reportBcs\":null,"
            + "\"publicKey\":null,\"moduleId\":null,\"attestationTimestamp\":null,\"sui\":null}";

    @Test
    @DisplayName("shows each accepted report with its Sui call and shortened ptb command, and each rejection's reason")
    void prints() throws Exception {
        List<GateOutputLine> results = GateOutputPrinter.parse(List.of(ACCEPTED, "", REJECTED));
        assertEquals(2, results.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GateOutputPrinter.print(results, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("ACCEPTED  r.json\n"), out);
        assertTrue(out.contains("\"verdict\": \"AI_GENERATED\""), out);
        assertTrue(out.contains("register the enclave (before T)"), out);
        assertTrue(out.contains("<PACKAGE_ID>::media_report::submit_report"), out);
        assertTrue(out.contains("'vector[0x01u8,0x01u8,0x01u8,0x01u8,...(100 bytes)]' 1u8"), out);
        assertTrue(
                out.contains("REJECTED  t.json\n  reason  USER_DATA_MISMATCH\n  detail  the attested user_data"), out);
        assertTrue(
                GateOutputPrinter.suiPayload(results.get(0)).orElseThrow().contains("0x01u8,".repeat(99)),
                "the payload stays whole");
        assertFalse(GateOutputPrinter.suiPayload(results.get(1)).isPresent());
    }

    @Test
    @DisplayName("a line that is not a gate result is refused with its line number")
    void badLines() {
        LocalClientException notJson =
                assertThrows(LocalClientException.class, () -> GateOutputPrinter.parse(List.of(REJECTED, "{oops")));
        assertTrue(notJson.getMessage().startsWith("line 2 "), notJson.getMessage());
        LocalClientException notResult = assertThrows(
                LocalClientException.class,
                () -> GateOutputPrinter.parse(List.of("{\"file\":\"x\",\"accepted\":\"yes\"}")));
        assertEquals("line 1 of the gate output is not a gate result: reason is missing", notResult.getMessage());
        LocalClientException partial = assertThrows(
                LocalClientException.class,
                () -> GateOutputPrinter.parse(List.of(REJECTED.replace(",\"sui\":null", ""))));
        assertTrue(partial.getMessage().endsWith("sui is missing"), partial.getMessage());
    }

    @Test
    @DisplayName("long strings are cut in the middle with their size in bytes (hex) or characters")
    void shortens() {
        PrettyJson pretty = new PrettyJson(40);
        assertEquals("short", pretty.shorten("short"));
        assertEquals("y".repeat(20), new PrettyJson(8).shorten("y".repeat(20)), "never longer than the original");
        assertEquals("0x8444a10138...0000abcd [35 bytes]", pretty.shorten("0x8444a1013822" + "00".repeat(27) + "abcd"));
        assertEquals("xxxxxxxxxxxx...xxxxxxxx [50 chars]", pretty.shorten("x".repeat(50)));
        String shortVector = "'vector[0x01u8,0x02u8]'";
        assertEquals(shortVector, PrettyJson.shortenVectors(shortVector));
    }

    @Test
    @DisplayName("with nothing to shorten, the pretty form is the same JSON: indented, small flat objects on one line")
    void roundTrips() {
        String json = "{\"a\":[{\"name\":\"x\",\"v\":1},{\"deep\":{\"k\":true}}],\"b\":null,\"c\":{},\"d\":[],"
                + "\"e\":\"<q>\\\"\"}";
        String pretty = new PrettyJson(1000).format(JsonParser.parseString(json));
        JsonElement back = JsonParser.parseString(pretty);
        assertEquals(JsonParser.parseString(json), back);
        assertTrue(pretty.contains("{\"name\": \"x\", \"v\": 1}"), pretty);
        assertTrue(pretty.contains("\n      \"deep\": {\"k\": true}"), pretty);
    }
}
