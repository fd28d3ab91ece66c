package dev.provably.nautilus.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/**
 * Option values every command reads alike. {@code what} names the option (or "input") in the
 * {@link UsageException} message, which says what the value should have been.
 */
final class Values {

    private Values() {
    }

    /** Epoch milliseconds (digits only) or an ISO-8601 instant. */
    static Instant instant(String what, String value) throws UsageException {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new UsageException(what + ": epoch milliseconds out of range: " + value);
            }
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(what + " wants epoch milliseconds or an ISO-8601 instant"
                    + " (e.g. 1744684007462 or 2025-04-15T02:26:47.462Z), got '" + value + "'");
        }
    }

    /** Decodes hex (either case, optional {@code 0x}); empty or odd-length input is an error. */
    static byte[] hex(String what, String value) throws UsageException {
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (digits.isEmpty()) {
            throw new UsageException(what + " wants at least one byte of hex, got nothing");
        }
        if (digits.length() % 2 != 0) {
            throw new UsageException(what + " wants an even number of hex digits, got " + digits.length());
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new UsageException(what + " is not hex: '" + value + "'");
        }
    }

    /** A non-empty path the platform accepts (existence is checked when it is read). */
    static Path path(String what, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(what + " is an empty path");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(what + " is not a valid path: '" + value + "'");
        }
    }
}
