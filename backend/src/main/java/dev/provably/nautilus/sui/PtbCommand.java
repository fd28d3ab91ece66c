package dev.provably.nautilus.sui;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a {@code sui client ptb} command line for a POSIX shell. Values use the PTB CLI's own
 * syntax (crates/sui/src/client_ptb lexer and parser): {@code 3u64}, {@code @0x6}, {@code
 * vector[0x01u8,...]} (the CLI has no hex-string literal for bytes), and strings in quotes, whose
 * content the CLI takes verbatim up to the closing quote (a backslash only stops the next character
 * from closing the string; it is kept). Every token the shell could alter is single-quoted.
 */
final class PtbCommand {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z][A-Z0-9_]*>");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{1,64}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final List<List<String>> groups = new ArrayList<>();

    PtbCommand() {
        groups.add(List.of("sui", "client", "ptb"));
    }

    /** Adds one PTB command (e.g. {@code --move-call target args...}) on its own line. */
    PtbCommand command(String... tokens) {
        groups.add(List.of(tokens));
        return this;
    }

    /** The command, one PTB command per line, joined with backslash continuations. */
    String render() {
        List<String> lines = new ArrayList<>();
        for (List<String> group : groups) {
            lines.add(
                    String.join(" ", group.stream().map(PtbCommand::shellQuote).toList()));
        }
        return String.join(" \\\n  ", lines);
    }

    static String shellQuote(String token) {
        if (SHELL_SAFE.matcher(token).matches()) {
            return token;
        }
        return "'" + token.replace("'", "'\\''") + "'";
    }

    static String bytes(byte[] value) {
        StringBuilder out = new StringBuilder(value.length * 7 + 8).append("vector[");
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(String.format("0x%02xu8", value[i] & 0xFF));
        }
        return out.append(']').toString();
    }

    /**
     * A PTB string literal whose content is exactly {@code value}: double-quoted if that works, else
     * single-quoted.
     *
     * @throws IllegalArgumentException if neither quote can carry the string verbatim
     */
    static String string(String value) {
        for (char quote : new char[] {'"', '\''}) {
            if (fitsBetween(value, quote)) {
                return quote + value + quote;
            }
        }
        throw new IllegalArgumentException(
                "the Sui CLI cannot pass this string verbatim (it holds both quote characters or ends in a"
                        + " backslash); submit the JSON payload's BCS arguments through an SDK instead");
    }

    // Mirrors the CLI lexer: a backslash makes the next character part of the string.
    private static boolean fitsBetween(String value, char quote) {
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                return false;
            }
        }
        return !escaped;
    }

    /** An object ID or address: {@code 0x} and 1..64 hex digits, or a placeholder like {@code <ID>}. */
    static String address(String value, String what) {
        if (value == null
                || !(ADDRESS.matcher(value).matches()
                        || PLACEHOLDER.matcher(value).matches())) {
            throw new IllegalArgumentException(
                    what + " must be 0x followed by hex digits, or a placeholder like <ID>, got " + value);
        }
        return value;
    }

    /** A Move module or function name, or a placeholder. */
    static String identifier(String value, String what) {
        if (value == null
                || !(IDENTIFIER.matcher(value).matches()
                        || PLACEHOLDER.matcher(value).matches())) {
            throw new IllegalArgumentException(
                    what + " must be a Move identifier or a placeholder like <NAME>, got " + value);
        }
        return value;
    }

    /** A {@code --gas-budget} in MIST: at least 1. */
    static long gasBudget(long mist) {
        if (mist < 1) {
            throw new IllegalArgumentException("gasBudgetMist must be positive, got " + mist);
        }
        return mist;
    }
}
