package dev.provably.nautilus.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The option syntax every command shares, so each command's parser only maps names to meanings.
 * Options and inputs may be mixed; {@code --name value} and {@code --name=value} are both accepted;
 * {@code --} ends the options and {@code -} alone is an input; an input is a non-empty path. A flag
 * takes no value; a valued option may be given once unless it is repeatable.
 */
final class CommandLine {

    /** Takes the options in command-line order; throws for a value it cannot use. */
    @FunctionalInterface
    interface OptionConsumer {
        /** {@code value} is null for a flag. */
        void accept(String option, String value) throws UsageException;
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
     * Hands each option to {@code consumer} and returns the inputs, both in command-line order.
     * Problems are thrown when reached (syntax, an input that is no path, or what the consumer finds
     * in a value), so the first problem on the line is the one reported.
     */
    List<Path> read(List<String> args, OptionConsumer consumer) throws UsageException {
        List<Path> inputs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                inputs.add(Values.path("input", arg));
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
                consumer.accept(name, null);
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
            consumer.accept(name, value);
        }
        return inputs;
    }
}
