package dev.provably.nautilus.c2pa.container;

import dev.provably.nautilus.c2pa.container.ContainerException.Kind;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JPEG: the manifest store travels in APP11 segments as JUMBF (ISO 19566-5 Annex B). Each segment
 * carries {@code "JP"}, a box instance number (En), a packet sequence number (Z, from 1) and then
 * the box; segments after the first repeat the box's 8-byte LBox/TBox header, which is dropped
 * when the payloads are joined. Only the instance whose superbox is labelled {@code c2pa} counts.
 */
final class JpegReader implements ContainerReader {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP11 = 0xEB;

    private final int maxStoreBytes;

    JpegReader(int maxStoreBytes) {
        this.maxStoreBytes = maxStoreBytes;
    }

    /** One marker segment: marker byte, whole extent (marker included), payload extent. */
    private record Segment(int marker, int start, int end, int payloadStart) {}

    @Override
    public Optional<EmbeddedStore> findStore(byte[] file) throws ContainerException {
        ByteArrayOutputStream joined = null;
        List<ByteRange> ranges = new ArrayList<>();
        int instance = -1;
        long nextSeq = 1;
        long declared = 0;
        for (Segment s : segments(file)) {
            if (s.marker != APP11
                    || s.end - s.payloadStart < 16
                    || file[s.payloadStart] != 'J'
                    || file[s.payloadStart + 1] != 'P') {
                continue;
            }
            int en = u16(file, s.payloadStart + 2);
            long seq = u32(file, s.payloadStart + 4);
            int box = s.payloadStart + 8;
            if (joined == null) {
                if (seq != 1 || !isC2paStore(file, box, s.end)) {
                    continue;
                }
                instance = en;
                declared = u32(file, box);
                if (declared == 1 || declared < 8) {
                    throw new ContainerException(Kind.BAD_SEGMENTS, "C2PA JUMBF box declares length " + declared);
                }
                if (declared > maxStoreBytes) {
                    throw new ContainerException(
                            Kind.TOO_LARGE,
                            "manifest store declares " + declared + " bytes; the limit is " + maxStoreBytes);
                }
                joined = new ByteArrayOutputStream((int) declared);
                joined.write(file, box, s.end - box);
                ranges.add(new ByteRange(s.start, s.end - s.start));
                nextSeq = 2;
            } else if (en == instance) {
                if (seq != nextSeq) {
                    throw new ContainerException(
                            Kind.BAD_SEGMENTS, "C2PA APP11 segment has sequence " + seq + ", expected " + nextSeq);
                }
                if (s.end - box < 8) {
                    throw new ContainerException(Kind.BAD_SEGMENTS, "continuation segment at " + s.start + " is short");
                }
                if (joined.size() + (long) (s.end - box - 8) > declared) {
                    throw new ContainerException(
                            Kind.BAD_SEGMENTS, "C2PA APP11 segments exceed the declared box length");
                }
                joined.write(file, box + 8, s.end - box - 8);
                ranges.add(new ByteRange(s.start, s.end - s.start));
                nextSeq++;
            } else if (seq == 1 && isC2paStore(file, box, s.end)) {
                throw new ContainerException(Kind.MULTIPLE_STORES, "a second C2PA manifest store at " + s.start);
            }
        }
        if (joined == null) {
            return Optional.empty();
        }
        if (joined.size() != declared) {
            throw new ContainerException(
                    Kind.BAD_SEGMENTS,
                    "C2PA APP11 segments hold " + joined.size() + " of " + declared + " declared bytes");
        }
        return Optional.of(new EmbeddedStore(joined.toByteArray(), ranges));
    }

    /** Whether a box at {@code box} is a superbox whose description is labelled "c2pa". */
    private static boolean isC2paStore(byte[] file, int box, int end) {
        // LBox TBox(jumb) | LBox TBox(jumd) UUID(16) toggles(1) label...
        int label = box + 8 + 8 + 16 + 1;
        if (end - label < 5) {
            return false;
        }
        return u32(file, box + 4) == 0x6A756D62L
                && u32(file, box + 12) == 0x6A756D64L
                && file[label] == 'c'
                && file[label + 1] == '2'
                && file[label + 2] == 'p'
                && file[label + 3] == 'a'
                && file[label + 4] == 0;
    }

    @Override
    public List<NamedPart> parts(byte[] file) throws ContainerException {
        List<NamedPart> parts = new ArrayList<>();
        List<Segment> segments = segments(file);
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            String name = name(s.marker);
            ByteRange r = new ByteRange(s.start, s.end - s.start);
            boolean c2pa = s.marker == APP11
                    && s.end - s.payloadStart >= 16
                    && file[s.payloadStart] == 'J'
                    && file[s.payloadStart + 1] == 'P';
            if (c2pa) {
                NamedPart last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
                if (last != null && last.name().equals("C2PA") && last.range().end() == s.start) {
                    parts.set(
                            parts.size() - 1,
                            new NamedPart(
                                    "C2PA",
                                    new ByteRange(
                                            last.range().start(),
                                            s.end - last.range().start())));
                    continue;
                }
                name = "C2PA";
            }
            parts.add(new NamedPart(name, r));
        }
        return parts;
    }

    private static String name(int marker) {
        if (marker >= 0xE0 && marker <= 0xEF) {
            return "APP" + (marker - 0xE0);
        }
        return switch (marker) {
            case SOI -> "SOI";
            case EOI -> "EOI";
            case SOS -> "SOS";
            case 0xDB -> "DQT";
            case 0xC4 -> "DHT";
            case 0xDD -> "DRI";
            case 0xFE -> "COM";
            default -> marker >= 0xC0 && marker <= 0xCF ? "SOF" + (marker - 0xC0) : String.format("0x%02X", marker);
        };
    }

    /**
     * Walks the marker segments from SOI to EOI. An SOS segment's extent includes its entropy-coded
     * data up to the next marker that is neither a stuffed 0xFF00 nor a restart marker. Bytes after
     * EOI are ignored, as decoders do. A file that ends inside entropy-coded data or between
     * segments without EOI is walked up to its end, as c2pa-rs does (a data hash then covers the
     * cut); a segment whose declared length runs past the end is TRUNCATED.
     */
    private static List<Segment> segments(byte[] file) throws ContainerException {
        if (file.length < 4 || (file[0] & 0xFF) != 0xFF || (file[1] & 0xFF) != SOI) {
            throw new ContainerException(Kind.NOT_THIS_FORMAT, "not a JPEG (no SOI marker)");
        }
        List<Segment> out = new ArrayList<>();
        out.add(new Segment(SOI, 0, 2, 2));
        int at = 2;
        while (true) {
            if (at >= file.length) {
                return out; // no EOI
            }
            if ((file[at] & 0xFF) != 0xFF) {
                throw new ContainerException(Kind.TRUNCATED, "expected a marker at " + at);
            }
            int start = at;
            while (at < file.length && (file[at] & 0xFF) == 0xFF) {
                at++; // fill bytes
            }
            if (at >= file.length) {
                throw new ContainerException(Kind.TRUNCATED, "JPEG ends inside a marker");
            }
            int marker = file[at++] & 0xFF;
            if (marker == EOI) {
                out.add(new Segment(EOI, start, at, at));
                return out;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.add(new Segment(marker, start, at, at));
                continue;
            }
            if (file.length - at < 2) {
                throw new ContainerException(Kind.TRUNCATED, "segment length at " + at + " is truncated");
            }
            int len = u16(file, at);
            if (len < 2 || len > file.length - at) {
                throw new ContainerException(
                        Kind.TRUNCATED,
                        "segment at " + start + " declares " + len + " bytes; " + (file.length - at) + " remain");
            }
            int end = at + len;
            if (marker == SOS) {
                end = scanEntropy(file, end);
                if (end == file.length) {
                    out.add(new Segment(marker, start, end, at + 2));
                    return out; // ends inside entropy-coded data
                }
            }
            out.add(new Segment(marker, start, end, at + 2));
            at = end;
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /**
     * Finds the end of entropy-coded data. Eight bytes at a time are skipped while none is 0xFF
     * (a zero byte of the complement, by the usual bit trick): most of a large JPEG is scan data,
     * and this keeps the walk well below the cost of hashing the same bytes.
     */
    private static int scanEntropy(byte[] file, int at) {
        while (at < file.length - 1) {
            if (at + 8 <= file.length) {
                long inverted = ~(long) LONGS.get(file, at);
                if (((inverted - ONES) & ~inverted & HIGHS) == 0) {
                    at += 8; // no 0xFF among these eight bytes
                    continue;
                }
            }
            if ((file[at] & 0xFF) == 0xFF) {
                int next = file[at + 1] & 0xFF;
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                    return at;
                }
            }
            at++;
        }
        return file.length;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }
}
