package dev.provably.nautilus.enclave.nsm;

import dev.provably.nautilus.enclave.attest.AttestationException;
import java.util.Optional;

/** An NSM call failed: the device answered with an error code, or the exchange itself failed. */
public final class NsmException extends AttestationException {
    private static final long serialVersionUID = 1L;

    private final NsmErrorCode code;

    public NsmException(String message) {
        super(message);
        this.code = null;
    }

    public NsmException(NsmErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The NSM error code, when the failure carries one. */
    public Optional<NsmErrorCode> code() {
        return Optional.ofNullable(code);
    }
}
