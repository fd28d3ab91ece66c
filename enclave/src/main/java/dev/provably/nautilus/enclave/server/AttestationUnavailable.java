package dev.provably.nautilus.enclave.server;

import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.http.ApiException;

/** The attestation source failed: 503 to the caller, the cause to the log only. */
final class AttestationUnavailable extends ApiException {
    private static final long serialVersionUID = 1L;

    AttestationUnavailable(AttestationException cause) {
        super(503, "attestation_unavailable", "the attestation source could not produce a document; try again");
        initCause(cause);
    }
}
