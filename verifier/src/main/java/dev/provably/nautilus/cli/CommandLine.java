package dev.provably.nautilus.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The option syntax every command shares, so each command's parser only maps names to meanings.
 * Options and inputs may be mixed; {@code --name value} and {@code --name=value} are both accepted;
 * {@code --} ends the options and {@code -} alone is an input. A flag takes no value; a valued
 * option may be given once unless it is repeatable.
 */
final class CommandLine {

    /** One argument: an input ({@code option} null), a flag ({@code value} null) or an option and its value. */
    record Token(String option, String value) {
        static Token input(String value) {
            return new Token(null, value);
        }

        boolean isInput() {
            return option == null;
        }
    }

    /** Takes the tokens in command-line order; throws for a value it cannot use. */
    @FunctionalInterface
    interface TokenConsumer {
        void accept(Token token) throws UsageException;
    }

    private final Set<String> flags;
    private final Set<String> once;
    private final Set<String> repeatable;

    /**
     * @param flags      options without a value, e.g. {@code --help}
     * @param once       options with a value, at most once each
     * @param repeatable options with a value that may be given again
     */
    CommandLine(Set<String> flags, Set<String> once, Set<String> repeatable) {
        this.flags = Set.copyOf(flags);
        this.once = Set.copyOf(once);
        this.repeatable = Set.copyOf(repeatable);
    }

    /**
     * Hands each argument to {@code consumer} in order. Syntax errors (unknown option, missing or
     * unwanted value, repeated option) are thrown when reached, so the first problem on the line is
     * the one reported, whether it is one of syntax or one the consumer finds in a value.
     */
    void read(List<String> args, TokenConsumer consumer) throws UsageException {
        Set<String> seen = new HashSet<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                consumer.accept(Token.input(arg));
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
            if (flags.contains(name)) {
                if (inlineValue != null) {
                    throw new UsageException(name + " takes no value");
                }
                consumer.accept(new Token(name, null));
                continue;
            }
            if (!once.contains(name) && !repeatable.contains(name)) {
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
            if (once.contains(name) && !seen.add(name)) {
                throw new UsageException(name + " given more than once");
            }
            consumer.accept(new Token(name, value));
        }
    }
}
