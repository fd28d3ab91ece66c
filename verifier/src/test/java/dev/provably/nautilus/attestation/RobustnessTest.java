package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** No input makes the verifier do anything but return a result or throw VerificationException. */
class RobustnessTest {

    private static AttestationVerifier verifierAt(long millis) {
        return AttestationVerifier.builder()
                .anyEnclaveImage()
                .profile(Profile.NSM)
                .allowDebug(true)
                .clock(Vectors.at(millis))
                .build();
    }

    /** Runs one input; returns its reason, or null if it verified. Anything else fails the test. */
    private static Reason outcome(AttestationVerifier verifier, byte[] input) {
        try {
            verifier.verify(input);
            return null;
        } catch (VerificationException e) {
            assertFalse(e.getMessage().startsWith("internal error"), () -> "safety net was hit: " + e);
            return e.reason();
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    "non-VerificationException escaped for input "
                            + java.util.HexFormat.of().formatHex(input, 0, Math.min(64, input.length)),
                    e);
        }
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("the weather document truncated at every offset is MALFORMED")
    void truncatedEverywhere() {
        byte[] weather = Vectors.read(Vectors.WEATHER);
        AttestationVerifier verifier = verifierAt(Vectors.WEATHER_TIMESTAMP);
        for (int length = 0; length < weather.length; length++) {
            assertEquals(Reason.MALFORMED, outcome(verifier, Arrays.copyOf(weather, length)), "length " + length);
        }
    }

    @Test
    @DisplayName("seeded random byte flips of real documents only ever yield VerificationException")
    void byteFlipFuzzing() {
        Random random = new Random(20250415L);
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        for (String file : new String[] {Vectors.WEATHER, "dstack-20251225-attest.cbor"}) {
            Vectors vector = Vectors.named(file);
            byte[] original = vector.bytes();
            AttestationVerifier verifier = verifierAt(vector.timestampMillis());
            assertEquals(null, outcome(verifier, original));
            for (int iteration = 0; iteration < 1250; iteration++) {
                byte[] mutated = original.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
                }
                Reason reason = outcome(verifier, mutated);
                if (reason == null) {
                    fail("a mutated document verified: " + Arrays.mismatch(original, mutated));
                }
                seen.merge(reason, 1, Integer::sum);
            }
        }
        // The flips reach every stage, not just the first parser.
        for (Reason stage : new Reason[] {Reason.MALFORMED, Reason.FIELD_INVALID, Reason.BAD_SIGNATURE}) {
            assertTrue(seen.containsKey(stage), () -> stage + " never seen: " + seen);
        }
    }

    @Test
    @AttestationRule("C1")
    @DisplayName("random garbage of every small length only ever yields VerificationException")
    void randomGarbage() {
        Random random = new Random(7L);
        AttestationVerifier verifier = verifierAt(Vectors.WEATHER_TIMESTAMP);
        for (int iteration = 0; iteration < 3000; iteration++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage.length > 0 && random.nextBoolean()) {
                garbage[0] = (byte) 0x84;
            }
            outcome(verifier, garbage);
        }
    }
}
