package dev.provably.nautilus.enclave;

/** Range checks for the numeric options picocli has already read as numbers. */
final class CommandValues {
    private CommandValues() {}

    /** {@code value}, or {@code defaultValue} when the option was not given; out of range is a usage error. */
    static long inRange(String option, Long value, long defaultValue, long min, long max) throws UsageException {
        long chosen = value == null ? defaultValue : value;
        if (value != null && (chosen < min || chosen > max)) {
            throw new UsageException(option + " must be " + min + ".." + max + ", got " + chosen);
        }
        return chosen;
    }
}
