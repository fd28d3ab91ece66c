package dev.provably.nautilus.infra.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** A canonical IPv4 CIDR block (host bits zero), as security group rules take it. */
public record Ipv4Cidr(String text) {
    private static final Pattern SHAPE =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public static final Ipv4Cidr ANYWHERE = new Ipv4Cidr("0.0.0.0/0");

    /**
     * Parses {@code a.b.c.d/n}. Returns the problem as text when the value is not a canonical IPv4
     * CIDR, naming the canonical form when only the host bits are wrong.
     */
    static Parsed parse(String value) {
        var m = SHAPE.matcher(value);
        if (!m.matches()) {
            return Parsed.error("'" + value + "' is not an IPv4 CIDR like 203.0.113.0/24");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255 || (m.group(i).length() > 1 && m.group(i).startsWith("0"))) {
                return Parsed.error(
                        "'" + value + "' has an invalid octet '" + m.group(i) + "' (0 to 255, no leading zeros)");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (m.group(5).length() > 1 && m.group(5).startsWith("0"))) {
            return Parsed.error("'" + value + "' has an invalid prefix length (0 to 32)");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        long network = address & mask;
        if (network != address) {
            String canonical = ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255)
                    + "." + (network & 255) + "/" + prefix;
            return Parsed.error("'" + value + "' has host bits set; did you mean " + canonical + "?");
        }
        return new Parsed(Optional.of(new Ipv4Cidr(value)), Optional.empty());
    }

    public boolean isAnywhere() {
        return equals(ANYWHERE);
    }

    @Override
    public String toString() {
        return text;
    }

    record Parsed(Optional<Ipv4Cidr> cidr, Optional<String> error) {
        static Parsed error(String message) {
            return new Parsed(Optional.empty(), Optional.of(message));
        }
    }
}
