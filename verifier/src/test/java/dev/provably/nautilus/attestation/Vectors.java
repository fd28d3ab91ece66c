package dev.provably.nautilus.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The real documents of test resources {@code vectors/} and what INDEX.md says about each:
 * the document timestamp (the pinned time), the valid window of the whole chain in ms
 * (notAfter rounded up to ...999 by the whole-second rule), whether PCR0 is zero, and the
 * expected outcome under each profile (null = accepted).
 */
record Vectors(
        String file,
        long timestampMillis,
        long windowStartMillis,
        long windowEndMillis,
        boolean debug,
        Reason underSui,
        Reason underNsm) {

    static final List<Vectors> GENUINE = List.of(
            new Vectors("blocky-20230710-stag.cbor", 1688992470620L, 1688991770000L, 1689002573999L, false, null, null),
            new Vectors(
                    "blocky-20240507-emptyfields.cbor",
                    1715103786613L,
                    1715103783000L,
                    1715114586999L,
                    false,
                    null,
                    null),
            new Vectors(
                    "blocky-20240907-debug-maxfields.cbor",
                    1725719886508L,
                    1725719883000L,
                    1725730686999L,
                    true,
                    Reason.FIELD_INVALID,
                    null),
            new Vectors(
                    "blocky-20240907-prod-maxfields.cbor",
                    1725719859545L,
                    1725719856000L,
                    1725730659999L,
                    false,
                    Reason.FIELD_INVALID,
                    null),
            new Vectors(
                    "dstack-20251225-attest.cbor", 1766678659346L, 1766678656000L, 1766689459999L, false, null, null),
            new Vectors("dstack-20251225-debug.cbor", 1766650846577L, 1766650843000L, 1766661646999L, true, null, null),
            new Vectors(
                    "dstack-20251225-nsmqvl.cbor", 1766668537578L, 1766668534000L, 1766679337999L, false, null, null),
            new Vectors(
                    "evervault-20221012-debug.cbor", 1665582606081L, 1665582591000L, 1665593394999L, true, null, null),
            new Vectors(
                    "evervault-20221013-beta.cbor", 1665651482136L, 1665651479000L, 1665662282999L, false, null, null),
            new Vectors(
                    "evervault-20230118-debug.cbor", 1674054632312L, 1674054627000L, 1674065430999L, true, null, null),
            new Vectors(
                    "evervault-20230118-pcr8.cbor", 1674047239280L, 1674047233000L, 1674058036999L, false, null, null),
            new Vectors(
                    "evervault-20230918-ga-debug.cbor",
                    1695049410860L,
                    1695047829000L,
                    1695058632999L,
                    true,
                    null,
                    null),
            new Vectors(
                    "fluentbase-20260306-stf.cbor", 1772795658051L, 1772795655000L, 1772806458999L, false, null, null),
            new Vectors(
                    "hf-nitrite-20211028-debug.cbor",
                    1635440522077L,
                    1635432253000L,
                    1635443053999L,
                    true,
                    Reason.FIELD_INVALID,
                    null),
            new Vectors(
                    "nautilus-20250415-twitter.cbor",
                    1744731537935L,
                    1744729233000L,
                    1744740036999L,
                    false,
                    null,
                    null),
            new Vectors(
                    "nautilus-20250415-weather.cbor",
                    1744683923696L,
                    1744683467000L,
                    1744694270999L,
                    false,
                    null,
                    null),
            new Vectors("sparsity-20230928.cbor", 1695899307117L, 1695899304000L, 1695910107999L, false, null, null),
            new Vectors(
                    "sparsity-20240816-debug.cbor", 1723799509167L, 1723799506000L, 1723810309999L, true, null, null));

    static final String WEATHER = "nautilus-20250415-weather.cbor";
    static final long WEATHER_TIMESTAMP = 1744683923696L;

    byte[] bytes() {
        return read(file);
    }

    Reason expected(Profile profile) {
        return profile == Profile.SUI ? underSui : underNsm;
    }

    static Vectors named(String file) {
        return GENUINE.stream().filter(v -> v.file.equals(file)).findFirst().orElseThrow();
    }

    static byte[] read(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Clock at(long epochMillis) {
        return Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return file;
    }
}
