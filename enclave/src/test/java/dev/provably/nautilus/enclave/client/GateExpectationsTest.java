package dev.provably.nautilus.enclave.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.gate.GateOutputLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GateExpectations: a run's expected gate outcomes, checked through the gate output's parser")
class GateExpectationsTest {
    private static final String ACCEPTED = "{\"file\":\"run/response.json\",\"accepted\":true,\"reason\":null,"
            + "\"detail\":null,\"report\":{},\"reportBcs\":\"00\",\"publicKey\":\"ab\",\"moduleId\":\"i-local\","
            + "\"attestationTimestamp\":0,\"sui\":null}";
    private static final String TAMPERED = GateOutputLine.rejected(
                    "run/tampered.json", "USER_DATA_MISMATCH", "user_data differs")
            .toJson();
    private static final String REPLAYED =
            GateOutputLine.rejected("run/replayed.json", "REPLAYED", "replay").toJson();

    private static String check(GateExpectations expected, List<String> lines, int differences) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(
                differences,
                expected.check(GateOutputPrinter.parse(lines), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the expected outcomes in order: every row ok, no difference")
    void matches() throws Exception {
        String out = check(
                GateExpectations.parse("accepted,USER_DATA_MISMATCH,REPLAYED"),
                List.of(ACCEPTED, TAMPERED, REPLAYED),
                0);
        assertTrue(out.contains("tampered.json    USER_DATA_MISMATCH     USER_DATA_MISMATCH     ok"), out);
    }

    @Test
    @DisplayName("another reason, a missing response and an extra one each count as a difference")
    void differences() throws Exception {
        GateExpectations expected = GateExpectations.parse("accepted,USER_DATA_MISMATCH,REPLAYED");
        String out = check(expected, List.of(ACCEPTED, REPLAYED, REPLAYED), 1);
        assertTrue(out.contains("MISMATCH"), out);
        check(expected, List.of(ACCEPTED, TAMPERED), 1);
        check(expected, List.of(ACCEPTED, TAMPERED, REPLAYED, REPLAYED), 1);
        check(expected, List.of(TAMPERED, ACCEPTED, REPLAYED), 2);
    }

    @Test
    @DisplayName("an outcome is accepted or an upper-case reason code")
    void parse() {
        assertEquals(
                List.of("accepted", "REPLAYED"),
                GateExpectations.parse("accepted, REPLAYED").outcomes());
        assertThrows(IllegalArgumentException.class, () -> GateExpectations.parse(""));
        assertThrows(IllegalArgumentException.class, () -> GateExpectations.parse("accepted,,REPLAYED"));
        assertThrows(IllegalArgumentException.class, () -> GateExpectations.parse("Accepted"));
        assertThrows(IllegalArgumentException.class, () -> GateExpectations.parse("replayed"));
    }
}
