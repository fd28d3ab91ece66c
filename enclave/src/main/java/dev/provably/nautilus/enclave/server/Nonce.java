package dev.provably.nautilus.enclave.server;

import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.util.HexFormat;

/** The optional {@code nonce} query parameter: hex, 1..512 bytes. */
final class Nonce {
    private Nonce() {}

    /** Null when absent; the decoded bytes otherwise. */
    static byte[] parse(String hex) throws ApiException {
        if (hex == null) {
            return null;
        }
        if (hex.isEmpty()) {
            throw ApiException.badRequest("bad_nonce", "nonce is empty; omit the parameter to send none");
        }
        if (hex.length() > 2 * ReportSigner.MAX_NONCE_LENGTH) {
            throw ApiException.badRequest(
                    "bad_nonce",
                    "nonce must be at most " + ReportSigner.MAX_NONCE_LENGTH + " bytes ("
                            + 2 * ReportSigner.MAX_NONCE_LENGTH + " hex digits), got " + hex.length() + " digits");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad_nonce", "nonce must be an even number of hex digits");
        }
    }
}
