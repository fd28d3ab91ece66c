package dev.provably.nautilus.c2pa.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.c2pa.TestFiles;
import dev.provably.nautilus.c2pa.jumbf.JumbfException;
import dev.provably.nautilus.c2pa.jumbf.JumbfParser;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerReaderTest {
    private static ContainerReader reader(String name) {
        return ContainerReader.forMediaType(TestFiles.mediaType(name), 1 << 24).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C.jpg",
                "CA.jpg",
                "XCA.jpg",
                "boxhash.jpg",
                "gen-ai-es256.jpg",
                "gen-ai-es256.png",
                "capture-ps256.jpg",
                "adobe-20220124-E-clm-CAICAI.jpg"
            })
    @DisplayName("files with C2PA yield a store that parses as a C2PA manifest store")
    void findsStore(String name) throws Exception {
        EmbeddedStore store = reader(name).findStore(TestFiles.media(name)).orElseThrow();
        assertTrue(JumbfParser.parseManifestStore(store.jumbf(), JumbfParser.DEFAULT_LIMITS)
                        .superBoxes()
                        .size()
                >= 1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no_manifest.jpg",
                "sample1.png",
                "libpng-test.png",
                "xmp-ai-only.jpg",
                "sd-webui-parameters.png",
                "comfyui-prompt-workflow.png",
                "camera-exif.jpg"
            })
    @DisplayName("files without C2PA yield no store")
    void noStore(String name) throws Exception {
        assertTrue(reader(name).findStore(TestFiles.media(name)).isEmpty());
    }

    @Test
    @DisplayName("CA.jpg's store spans two APP11 segments and is reassembled")
    void multiSegment() throws Exception {
        EmbeddedStore store =
                reader("CA.jpg").findStore(TestFiles.media("CA.jpg")).orElseThrow();
        assertEquals(2, store.ranges().size());
    }

    @Test
    @DisplayName("every truncation of a signed JPEG or PNG gives a typed failure or the whole store, never a crash")
    void truncations() throws JumbfException, ContainerException {
        for (String name : new String[] {"gen-ai-es256.jpg", "gen-ai-es256.png"}) {
            byte[] file = TestFiles.media(name);
            EmbeddedStore found = reader(name).findStore(file).orElseThrow();
            byte[] whole = found.jumbf();
            long storeEnd = found.ranges().get(found.ranges().size() - 1).end();
            int kept = 0;
            for (int cut = 0; cut < file.length; cut += 97) {
                byte[] part = Arrays.copyOf(file, cut);
                try {
                    // A JPEG cut inside its image data still holds the whole store (c2pa-rs reads it too).
                    assertArrayEquals(
                            whole, reader(name).findStore(part).orElseThrow().jumbf());
                    assertTrue(name.endsWith(".jpg") && cut >= storeEnd, "kept a store at cut " + cut);
                    kept++;
                } catch (ContainerException expected) {
                    // typed failure
                }
            }
            assertTrue(name.endsWith(".png") || kept > 0, "no JPEG truncation kept its store");
        }
    }

    @Test
    @DisplayName("an APP11 sequence gap is BAD_SEGMENTS")
    void sequenceGap() {
        byte[] file = TestFiles.media("CA.jpg");
        // The second C2PA APP11 segment: find the second "JP" header and bump its sequence number.
        int first = indexOfApp11(file, 0);
        int second = indexOfApp11(file, first + 4);
        file[second + 4 + 2 + 2 + 3] = 9;
        assertEquals(
                ContainerException.Kind.BAD_SEGMENTS,
                assertThrows(ContainerException.class, () -> reader("CA.jpg").findStore(file))
                        .kind());
    }

    private static int indexOfApp11(byte[] f, int from) {
        for (int i = from; i < f.length - 5; i++) {
            if ((f[i] & 0xFF) == 0xFF && (f[i + 1] & 0xFF) == 0xEB && f[i + 4] == 'J' && f[i + 5] == 'P') {
                return i;
            }
        }
        throw new AssertionError("no APP11");
    }
}
