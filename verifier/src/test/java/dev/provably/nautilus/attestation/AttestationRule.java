package dev.provably.nautilus.attestation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the rules of {@code docs/attestation-rules.md} that a test checks, e.g.
 * {@code @AttestationRule("C5")} or {@code @AttestationRule({"F9", "F10"})}, the way WebAuthn
 * test suites quote the specification's steps. {@link AttestationRulesDocTest} requires every
 * rule in the document to be named by at least one test, and every name to be a rule there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AttestationRule {
    /** One or more rule IDs, such as "C5" or "X4". */
    String[] value();
}
