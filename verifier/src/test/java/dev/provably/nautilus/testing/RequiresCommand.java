package dev.provably.nautilus.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (or every test of a class) that runs external commands, e.g. {@code shellcheck} or
 * {@code jq}. Where one is not on the {@code PATH} the test is skipped, so {@code mvn verify} passes
 * on a machine with only a JDK and Maven; with the environment variable {@code CI=true} (set by
 * {@code .ci/run}) a missing command fails the test instead, so CI never skips it silently.
 * Shipped in the verifier's test-jar so every module uses this one copy.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresCommandCondition.class)
public @interface RequiresCommand {
    /** The command names looked up on the {@code PATH}. */
    String[] value();
}
