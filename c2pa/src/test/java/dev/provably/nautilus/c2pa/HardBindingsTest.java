package dev.provably.nautilus.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnicodeString;
import dev.provably.nautilus.c2pa.container.ContainerReader;
import dev.provably.nautilus.c2pa.container.ContainerReader.NamedPart;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * c2pa.hash.boxes over a real JPEG's parts. No corpus file carries a box hash, so this checks the
 * binding's own rules (order, names, coverage, the C2PA part unhashed), not c2pa-rs's part naming.
 */
class HardBindingsTest {
    private static final String URL = "self#jumbf=/c2pa/x/c2pa.assertions/c2pa.hash.boxes";

    private static Map boxHash(byte[] file, List<NamedPart> parts) throws Exception {
        Array boxes = new Array();
        for (NamedPart p : parts) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (!p.name().equals("C2PA")) {
                md.update(file, (int) p.range().start(), (int) p.range().length());
            }
            Map entry = new Map();
            Array names = new Array();
            names.add(new UnicodeString(p.name()));
            entry.put(new UnicodeString("names"), names);
            entry.put(new UnicodeString("hash"), new ByteString(md.digest()));
            boxes.add(entry);
        }
        Map assertion = new Map();
        assertion.put(new UnicodeString("boxes"), boxes);
        assertion.put(new UnicodeString("alg"), new UnicodeString("sha256"));
        return assertion;
    }

    private static List<String> check(Map assertion, byte[] file) {
        StatusLog log = new StatusLog();
        HardBindings.boxHash(
                assertion,
                "sha256",
                file,
                ContainerReader.forMediaType("image/jpeg", 1 << 24).orElseThrow(),
                URL,
                log);
        return log.failures.isEmpty()
                ? log.successes.stream().map(StatusCode::code).toList()
                : log.failures.stream().map(StatusCode::code).toList();
    }

    private static List<NamedPart> parts(byte[] file) throws Exception {
        return ContainerReader.forMediaType("image/jpeg", 1 << 24).orElseThrow().parts(file);
    }

    @Test
    @DisplayName("a box hash covering every part in order matches; the C2PA part may change freely")
    void matches() throws Exception {
        byte[] file = TestFiles.media("gen-ai-es256.jpg");
        assertEquals(List.of("assertion.boxesHash.match"), check(boxHash(file, parts(file)), file));
    }

    @Test
    @DisplayName("a changed image byte, a missing part or a reordered part is assertion.boxesHash.mismatch")
    void mismatches() throws Exception {
        byte[] file = TestFiles.media("gen-ai-es256.jpg");
        List<NamedPart> parts = parts(file);
        Map good = boxHash(file, parts);
        byte[] tampered = file.clone();
        tampered[tampered.length - 10] ^= 1;
        assertEquals(List.of("assertion.boxesHash.mismatch"), check(good, tampered));
        assertEquals(
                List.of("assertion.boxesHash.mismatch"),
                check(boxHash(file, parts.subList(0, parts.size() - 1)), file));
        List<NamedPart> swapped = new java.util.ArrayList<>(parts);
        java.util.Collections.swap(swapped, 1, 2);
        assertEquals(List.of("assertion.boxesHash.mismatch"), check(boxHash(file, swapped), file));
    }
}
