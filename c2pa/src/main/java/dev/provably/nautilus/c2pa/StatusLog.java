package dev.provably.nautilus.c2pa;

import java.util.ArrayList;
import java.util.List;

/** Collects status entries while one manifest is validated. Not shared between validations. */
final class StatusLog {
    final List<StatusCode> failures = new ArrayList<>();
    final List<StatusCode> successes = new ArrayList<>();
    final List<StatusCode> informational = new ArrayList<>();

    void fail(String code, String url, String why) {
        failures.add(new StatusCode(code, url, why));
    }

    void pass(String code, String url, String why) {
        successes.add(new StatusCode(code, url, why));
    }

    void inform(String code, String url, String why) {
        informational.add(new StatusCode(code, url, why));
    }

    boolean hasFailure(String code) {
        return failures.stream().anyMatch(s -> s.code().equals(code));
    }
}
