package dev.provably.nautilus.cli;

import com.google.gson.stream.JsonWriter;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one compact JSON object per document and line, always with the same fields in the same
 * order; fields that do not apply are {@code null}. Byte strings are lower-case hex.
 */
final class JsonLineWriter {

    private static final HexFormat HEX = HexFormat.of();

    private final Writer out;
    private final List<Integer> checkedPcrs;

    /** {@code checkedPcrs}: the PCR indices pinned for this run (empty with {@code --any-image}). */
    JsonLineWriter(Writer out, List<Integer> checkedPcrs) {
        this.out = out;
        this.checkedPcrs = List.copyOf(checkedPcrs);
    }

    void accepted(String file, VerifiedAttestation attestation) throws IOException {
        JsonWriter json = begin(file, true);
        json.name("reason").nullValue();
        json.name("detail").nullValue();
        json.name("moduleId").value(attestation.moduleId());
        json.name("attestationTimestamp").value(attestation.timestampMillis());
        json.name("debug").value(attestation.debug());
        json.name("pcrs").beginObject();
        for (Map.Entry<Integer, byte[]> pcr : attestation.pcrs().entrySet()) {
            json.name(Integer.toString(pcr.getKey())).value(HEX.formatHex(pcr.getValue()));
        }
        json.endObject();
        hex(json, "publicKey", attestation.publicKey());
        hex(json, "userData", attestation.userData());
        hex(json, "nonce", attestation.nonce());
        end(json);
    }

    void rejected(String file, String reason, String detail) throws IOException {
        JsonWriter json = begin(file, false);
        json.name("reason").value(reason);
        json.name("detail").value(detail);
        for (String name :
                new String[] {"moduleId", "attestationTimestamp", "debug", "pcrs", "publicKey", "userData", "nonce"}) {
            json.name(name).nullValue();
        }
        end(json);
    }

    private JsonWriter begin(String file, boolean valid) throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.setSerializeNulls(true);
        json.beginObject();
        json.name("file").value(file);
        json.name("accepted").value(valid);
        return json;
    }

    private void end(JsonWriter json) throws IOException {
        json.name("checkedPcrs").beginArray();
        for (int index : checkedPcrs) {
            json.value(index);
        }
        json.endArray();
        json.endObject();
        // Not json.close(): that would close the shared writer.
        out.write('\n');
        out.flush();
    }

    private static void hex(JsonWriter json, String name, Optional<byte[]> value) throws IOException {
        json.name(name);
        if (value.isPresent()) {
            json.value(HEX.formatHex(value.get()));
        } else {
            json.nullValue();
        }
    }
}
