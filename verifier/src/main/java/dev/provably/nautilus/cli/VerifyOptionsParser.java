package dev.provably.nautilus.cli;

import dev.provably.nautilus.attestation.Profile;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the {@code verify} command line. Options and inputs may be mixed; {@code --name value} and
 * {@code --name=value} are both accepted; {@code --} ends the options. Every problem is a
 * {@link UsageException} whose message names the option and what it wants.
 */
final class VerifyOptionsParser {

    private static final Set<Integer> PCR_LENGTHS = Set.of(32, 48, 64);
    private static final int MAX_PCR_INDEX = 31;

    private VerifyOptionsParser() {
    }

    static VerifyOptions parse(List<String> args) throws UsageException {
        VerifyOptions.Builder options = VerifyOptions.builder();
        Set<String> seen = new HashSet<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                options.input(path(arg, "input"));
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help":
                case "-h":
                    noValue(name, inlineValue);
                    options.help();
                    continue;
                case "--allow-debug":
                    noValue(name, inlineValue);
                    options.allowDebug();
                    continue;
                default:
                    break;
            }
            if (!isValued(name)) {
                throw new UsageException("unknown option '" + name + "'");
            }
            String value;
            if (inlineValue != null) {
                value = inlineValue;
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            if (!name.equals("--pcr") && !seen.add(name)) {
                throw new UsageException(name + " given more than once");
            }
            apply(options, name, value);
        }
        VerifyOptions parsed = options.build();
        if (!parsed.help() && parsed.inputs().isEmpty()) {
            throw new UsageException("no input: give one or more files or directories to verify");
        }
        return parsed;
    }

    private static boolean isValued(String name) {
        switch (name) {
            case "--at":
            case "--profile":
            case "--pcr":
            case "--max-age":
            case "--nonce":
            case "--public-key":
            case "--root":
                return true;
            default:
                return false;
        }
    }

    private static void apply(VerifyOptions.Builder options, String name, String value) throws UsageException {
        switch (name) {
            case "--at":
                options.at(instant(value));
                break;
            case "--profile":
                options.profile(profile(value));
                break;
            case "--pcr":
                pcr(options, value);
                break;
            case "--max-age":
                options.maxAge(maxAge(value));
                break;
            case "--nonce":
                options.nonce(hex(name, value));
                break;
            case "--public-key":
                options.publicKey(hex(name, value));
                break;
            case "--root":
                options.root(path(value, name));
                break;
            default:
                throw new IllegalStateException("unhandled option " + name);
        }
    }

    private static void noValue(String name, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value");
        }
    }

    static Instant instant(String value) throws UsageException {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException e) {
                throw new UsageException("--at: epoch milliseconds out of range: " + value);
            }
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--at wants epoch milliseconds or an ISO-8601 instant"
                    + " (e.g. 1744684007462 or 2025-04-15T02:26:47.462Z), got '" + value + "'");
        }
    }

    private static Profile profile(String value) throws UsageException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "sui":
                return Profile.SUI;
            case "nsm":
                return Profile.NSM;
            default:
                throw new UsageException("--profile wants 'sui' or 'nsm', got '" + value + "'");
        }
    }

    private static void pcr(VerifyOptions.Builder options, String value) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--pcr wants INDEX=HEX (e.g. 0=abcd...), got '" + value + "'");
        }
        String indexText = value.substring(0, eq);
        int index;
        try {
            index = indexText.length() > 2 ? -1 : Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index > MAX_PCR_INDEX || !indexText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException("--pcr index must be 0.." + MAX_PCR_INDEX + ", got '" + indexText + "'");
        }
        byte[] bytes = hex("--pcr " + index, value.substring(eq + 1));
        if (!PCR_LENGTHS.contains(bytes.length)) {
            throw new UsageException("--pcr " + index + " must be 32, 48 or 64 bytes, got " + bytes.length);
        }
        if (!options.pcr(index, bytes)) {
            throw new UsageException("--pcr " + index + " given more than once");
        }
    }

    private static Duration maxAge(String value) throws UsageException {
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--max-age wants an ISO-8601 duration (e.g. PT5M, PT30S), got '" + value + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new UsageException("--max-age must be positive, got " + value);
        }
        return duration;
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

    private static Path path(String value, String what) throws UsageException {
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
