package dev.provably.nautilus.c2pa.jumbf;

import dev.provably.nautilus.c2pa.jumbf.JumbfException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a JUMBF box tree (ISO/IEC 19566-5) from bytes already in memory, within fixed bounds.
 *
 * <p>Every length is checked against the bytes of its parent before anything is read or allocated;
 * payloads are never copied (boxes are views), so memory is bounded by the number of boxes, which
 * is itself capped. Nesting is capped before each descent, so 10,000-deep nesting fails fast with
 * {@link Kind#TOO_DEEP} instead of overflowing the stack.
 */
public final class JumbfParser {
    /** Resource caps for one manifest store. */
    public record Limits(int maxDepth, int maxBoxes) {
        public Limits {
            if (maxDepth < 1 || maxBoxes < 1) {
                throw new IllegalArgumentException("JUMBF limits must be positive");
            }
        }
    }

    /** Deep enough for store / manifest / assertion store / assertion / nested assertion boxes. */
    public static final Limits DEFAULT_LIMITS = new Limits(16, 20_000);

    private static final int JUMB = 0x6A756D62;
    private static final int JUMD = 0x6A756D64;

    private final byte[] bytes;
    private final Limits limits;
    private int boxCount;

    private JumbfParser(byte[] bytes, Limits limits) {
        this.bytes = bytes;
        this.limits = limits;
    }

    /** Parses {@code bytes} as exactly one top-level superbox that is a C2PA manifest store. */
    public static SuperBox parseManifestStore(byte[] bytes, Limits limits) throws JumbfException {
        SuperBox store = parseSuperBox(bytes, limits);
        if (!store.type().equals(JumbfTypes.MANIFEST_STORE)) {
            throw new JumbfException(Kind.NOT_A_MANIFEST_STORE, "top-level superbox has type " + store.type());
        }
        return store;
    }

    /** Parses {@code bytes} as exactly one superbox, within {@code limits}. */
    public static SuperBox parseSuperBox(byte[] bytes, Limits limits) throws JumbfException {
        JumbfParser parser = new JumbfParser(bytes, limits);
        Header h = parser.header(0, bytes.length);
        if (h.type != JUMB) {
            throw new JumbfException(Kind.BAD_DESCRIPTION, "top-level box is not a superbox");
        }
        if (h.end != bytes.length) {
            throw new JumbfException(Kind.BAD_LENGTH, "top-level superbox ends at " + h.end + " of " + bytes.length);
        }
        return parser.superBox(h, 1);
    }

    private record Header(int start, int type, int contentStart, int end) {}

    private Header header(int at, int limit) throws JumbfException {
        if (limit - at < 8) {
            throw new JumbfException(Kind.TRUNCATED, "box header at " + at + " runs past " + limit);
        }
        if (++boxCount > limits.maxBoxes()) {
            throw new JumbfException(Kind.TOO_MANY_BOXES, "more than " + limits.maxBoxes() + " boxes");
        }
        long length = u32(at);
        int type = (int) u32(at + 4);
        int contentStart = at + 8;
        if (length == 1) {
            if (limit - at < 16) {
                throw new JumbfException(Kind.TRUNCATED, "extended box header at " + at + " runs past " + limit);
            }
            length = (u32(at + 8) << 32) | u32(at + 12);
            contentStart = at + 16;
            if (length < 0) {
                throw new JumbfException(Kind.BAD_LENGTH, "box at " + at + " declares a length past 2^63");
            }
        } else if (length == 0) {
            length = (long) limit - at;
        }
        if (length < contentStart - at || length > (long) limit - at) {
            throw new JumbfException(
                    Kind.BAD_LENGTH, "box at " + at + " declares " + length + " bytes; " + (limit - at) + " remain");
        }
        return new Header(at, type, contentStart, (int) (at + length));
    }

    private SuperBox superBox(Header h, int depth) throws JumbfException {
        if (depth > limits.maxDepth()) {
            throw new JumbfException(Kind.TOO_DEEP, "superboxes nest deeper than " + limits.maxDepth());
        }
        Header dh = header(h.contentStart, h.end);
        if (dh.type != JUMD) {
            throw new JumbfException(Kind.BAD_DESCRIPTION, "superbox at " + h.start + " does not start with jumd");
        }
        Description description = description(dh);
        List<JumbfBox> children = new ArrayList<>();
        int at = dh.end;
        while (at < h.end) {
            Header ch = header(at, h.end);
            if (ch.type == JUMB) {
                children.add(superBox(ch, depth + 1));
            } else {
                children.add(new ContentBox(fourCc(ch.type), bytes, ch.contentStart, ch.end - ch.contentStart));
            }
            at = ch.end;
        }
        return new SuperBox(description, children, bytes, h.start, h.contentStart, h.end);
    }

    private Description description(Header dh) throws JumbfException {
        int at = dh.contentStart;
        if (dh.end - at < 17) {
            throw new JumbfException(Kind.BAD_DESCRIPTION, "description box at " + dh.start + " is too short");
        }
        UUID type = new UUID((u32(at) << 32) | u32(at + 4), (u32(at + 8) << 32) | u32(at + 12));
        int toggles = bytes[at + 16] & 0xFF;
        at += 17;
        Optional<String> label = Optional.empty();
        if ((toggles & 0x02) != 0) {
            int nul = at;
            while (nul < dh.end && bytes[nul] != 0) {
                nul++;
            }
            if (nul == dh.end) {
                throw new JumbfException(Kind.BAD_DESCRIPTION, "label at " + at + " is not terminated");
            }
            label = Optional.of(new String(bytes, at, nul - at, StandardCharsets.UTF_8));
            at = nul + 1;
        }
        Optional<Integer> id = Optional.empty();
        if ((toggles & 0x04) != 0) {
            if (dh.end - at < 4) {
                throw new JumbfException(Kind.BAD_DESCRIPTION, "description ID at " + at + " is truncated");
            }
            id = Optional.of((int) u32(at));
            at += 4;
        }
        if ((toggles & 0x08) != 0 && dh.end - at < 32) {
            throw new JumbfException(Kind.BAD_DESCRIPTION, "description signature at " + at + " is truncated");
        }
        return new Description(type, label, id);
    }

    private long u32(int at) {
        return ((bytes[at] & 0xFFL) << 24)
                | ((bytes[at + 1] & 0xFFL) << 16)
                | ((bytes[at + 2] & 0xFFL) << 8)
                | (bytes[at + 3] & 0xFFL);
    }

    private static String fourCc(int type) {
        char[] c = {
            (char) ((type >>> 24) & 0xFF),
            (char) ((type >>> 16) & 0xFF),
            (char) ((type >>> 8) & 0xFF),
            (char) (type & 0xFF)
        };
        return new String(c);
    }
}
