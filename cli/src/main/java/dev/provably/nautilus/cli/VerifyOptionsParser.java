package dev.provably.nautilus.cli;

import dev.provably.nautilus.attestation.Profile;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the {@code verify} command line (the shared {@link CommandLine} syntax; {@code --pcr} may
 * repeat). Every problem is a {@link UsageException} whose message names the option and what it wants.
 */
final class VerifyOptionsParser {

    private static final CommandLine SYNTAX = new CommandLine(
            Set.of("--help", "-h", "--allow-debug", "--any-image"),
            Set.of("--at", "--profile", "--max-age", "--nonce", "--public-key", "--root"),
            Set.of("--pcr"));
    private static final Set<Integer> PCR_LENGTHS = Set.of(32, 48, 64);
    private static final int MAX_PCR_INDEX = 31;

    private VerifyOptionsParser() {
    }

    static VerifyOptions parse(List<String> args) throws UsageException {
        VerifyOptions.Builder options = VerifyOptions.builder();
        SYNTAX.read(args, (name, value) -> apply(options, name, value)).forEach(options::input);
        VerifyOptions parsed = options.build();
        if (parsed.help()) {
            return parsed;
        }
        if (parsed.inputs().isEmpty()) {
            throw new UsageException("no input: give one or more files or directories to verify");
        }
        if (parsed.pcrs().isEmpty() && !parsed.anyImage()) {
            throw new UsageException("say which enclave image to trust: --pcr 0=HEX (and 1, 2), or --any-image to"
                    + " accept a genuine document from any enclave image (for inspection only)");
        }
        if (!parsed.pcrs().isEmpty() && parsed.anyImage()) {
            throw new UsageException("--any-image contradicts --pcr: give one or the other");
        }

        return parsed;
    }

    private static void apply(VerifyOptions.Builder options, String name, String value) throws UsageException {
        switch (name) {
            case "--help", "-h" -> options.help();
            case "--allow-debug" -> options.allowDebug();
            case "--any-image" -> options.anyImage();
            case "--at" -> options.at(Values.instant(name, value));
            case "--profile" -> options.profile(profile(value));
            case "--pcr" -> pcr(options, value);
            case "--max-age" -> options.maxAge(maxAge(value));
            case "--nonce" -> options.nonce(Values.hex(name, value));
            case "--public-key" -> options.publicKey(Values.hex(name, value));
            case "--root" -> options.root(Values.path(name, value));
            default -> throw new IllegalStateException("unhandled option " + name);
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
        byte[] bytes = Values.hex("--pcr " + index, value.substring(eq + 1));
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
}
