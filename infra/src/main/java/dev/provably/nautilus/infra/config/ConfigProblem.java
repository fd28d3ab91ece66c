package dev.provably.nautilus.infra.config;

import java.util.Objects;

/** One rejected setting: the fully qualified key ({@code namespace:key}) and what is allowed. */
public record ConfigProblem(String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
