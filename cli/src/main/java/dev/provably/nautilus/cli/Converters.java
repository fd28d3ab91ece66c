package dev.provably.nautilus.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values both jars read alike. A bad value is a picocli usage error (exit status 2) whose
 * message, after picocli's "Invalid value for option '--name': ", says what the value should be.
 */
public final class Converters {

    private Converters() {}

    /** Epoch milliseconds (digits only) or an ISO-8601 instant. */
    public static final class Instant implements ITypeConverter<java.time.Instant> {
        @Override
        public java.time.Instant convert(String value) {
            if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    return java.time.Instant.ofEpochMilli(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("epoch milliseconds out of range: " + value);
                }
            }
            try {
                return java.time.Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("wants epoch milliseconds or an ISO-8601 instant"
                        + " (e.g. 1744684007462 or 2025-04-15T02:26:47.462Z), got '" + value + "'");
            }
        }
    }

    /** Hex bytes, either case, optional {@code 0x}; empty or odd-length input is an error. */
    public static final class Hex implements ITypeConverter<HexBytes> {
        @Override
        public HexBytes convert(String value) {
            return new HexBytes(bytes(value));
        }

        static byte[] bytes(String value) {
            String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
            if (digits.isEmpty()) {
                throw new TypeConversionException("wants at least one byte of hex, got nothing");
            }
            if (digits.length() % 2 != 0) {
                throw new TypeConversionException("wants an even number of hex digits, got " + digits.length());
            }
            try {
                return HexFormat.of().parseHex(digits);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("is not hex: '" + value + "'");
            }
        }
    }

    /** A non-empty path the platform accepts (existence is checked when it is read); {@code -} stays {@code -}. */
    public static final class NonEmptyPath implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isEmpty()) {
                throw new TypeConversionException("is an empty path");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("is not a valid path: '" + value + "'");
            }
        }
    }

    /** A positive ISO-8601 duration such as PT5M. */
    public static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("wants an ISO-8601 duration (e.g. PT5M, PT30S), got '" + value + "'");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("must be positive, got " + value);
            }
            return duration;
        }
    }

    /** An absolute http or https URL with a host. */
    public static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI url;
            try {
                url = new URI(value);
            } catch (URISyntaxException e) {
                throw new TypeConversionException("is not a URL: '" + value + "' (" + e.getReason() + ")");
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new TypeConversionException("must be an http(s) URL with a host, got '" + value + "'");
            }
            return url;
        }
    }
}
