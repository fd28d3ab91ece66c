package dev.provably.nautilus.enclave.nsm;

import java.util.Arrays;
import java.util.Optional;

/** The NSM's {@code ErrorCode} enum; the wire names are serde's variant names. */
public enum NsmErrorCode {
    SUCCESS("Success"),
    INVALID_ARGUMENT("InvalidArgument"),
    INVALID_INDEX("InvalidIndex"),
    INVALID_RESPONSE("InvalidResponse"),
    READ_ONLY_INDEX("ReadOnlyIndex"),
    INVALID_OPERATION("InvalidOperation"),
    BUFFER_TOO_SMALL("BufferTooSmall"),
    INPUT_TOO_LARGE("InputTooLarge"),
    INTERNAL_ERROR("InternalError");

    private final String wireName;

    NsmErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<NsmErrorCode> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(code -> code.wireName.equals(name))
                .findFirst();
    }
}
