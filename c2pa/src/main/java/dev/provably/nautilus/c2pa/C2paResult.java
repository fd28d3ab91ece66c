package dev.provably.nautilus.c2pa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What validating a file's C2PA manifest store found.
 *
 * @param present a C2PA manifest store is embedded, readable or not
 * @param state the overall outcome
 * @param activeManifest the active manifest's label
 * @param claimGenerator the active claim's generator
 * @param signer the active claim's signer, when its certificate could be read
 * @param signingTime the time from a verified RFC 3161 time stamp, when there is one
 * @param digitalSourceTypes the {@code digitalSourceType}s in the active manifest's actions
 * @param ingredientDigitalSourceTypes those of the ingredient manifests in the store
 * @param failures failure codes (active manifest, then ingredients), c2pa-rs's {@code validation_status}
 * @param successes success codes of the active manifest
 * @param informational codes that neither fail nor pass (e.g. a time stamp that does not verify)
 * @param error why the store could not be read, when it could not
 */
public record C2paResult(
        boolean present,
        ValidationState state,
        Optional<String> activeManifest,
        Optional<String> claimGenerator,
        Optional<Signer> signer,
        Optional<Instant> signingTime,
        List<String> digitalSourceTypes,
        List<String> ingredientDigitalSourceTypes,
        List<StatusCode> failures,
        List<StatusCode> successes,
        List<StatusCode> informational,
        Optional<String> error) {
    public C2paResult {
        digitalSourceTypes = List.copyOf(digitalSourceTypes);
        ingredientDigitalSourceTypes = List.copyOf(ingredientDigitalSourceTypes);
        failures = List.copyOf(failures);
        successes = List.copyOf(successes);
        informational = List.copyOf(informational);
    }

    /** Signature, hashed URIs and hard binding hold (trusted or not). */
    public boolean valid() {
        return state == ValidationState.VALID || state == ValidationState.TRUSTED;
    }

    /** Valid and chained to a configured trust anchor. */
    public boolean trusted() {
        return state == ValidationState.TRUSTED;
    }

    /** The failure codes alone, in order. */
    public List<String> failureCodes() {
        return failures.stream().map(StatusCode::code).toList();
    }

    static C2paResult none(boolean present, String error) {
        return new C2paResult(
                present,
                ValidationState.NONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.ofNullable(error));
    }
}
