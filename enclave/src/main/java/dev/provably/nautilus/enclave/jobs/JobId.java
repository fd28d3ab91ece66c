package dev.provably.nautilus.enclave.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job's id: 128 random bits from {@link SecureRandom}, as 32 lower-case hex digits. Holding the
 * id is what lets a caller read the result, so it must not be guessable or sequential.
 */
public record JobId(String value) {
    static final int BYTES = 16;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + 2 * BYTES + "}");

    public JobId {
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a job id is " + 2 * BYTES + " lower-case hex digits");
        }
    }

    static JobId random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new JobId(HexFormat.of().formatHex(bytes));
    }

    /** The id, if {@code text} has the form of one (whether such a job exists is another matter). */
    public static Optional<JobId> parse(String text) {
        return text != null && FORMAT.matcher(text).matches() ? Optional.of(new JobId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
