package dev.provably.nautilus.enclave.jobs;

import java.util.Objects;

/** Why a job failed: a stable code and a sentence for the caller (never internal details). */
public record JobFailure(String code, String message) {
    public JobFailure {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
