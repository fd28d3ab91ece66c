package dev.provably.nautilus.enclave.server;

import com.google.gson.JsonObject;
import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.http.ApiException;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.Endpoint;
import dev.provably.nautilus.enclave.signing.ReportSigner;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/** {@code GET /v1/attestation?nonce=HEX}: a fresh document binding the public key, for registration on Sui. */
final class AttestationEndpoint implements Endpoint {
    private final ReportSigner signer;
    private final Metrics metrics;

    AttestationEndpoint(ReportSigner signer, Metrics metrics) {
        this.signer = signer;
        this.metrics = metrics;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws ApiException {
        QueryParameters query = QueryParameters.parse(request.rawQuery(), Set.of("nonce"));
        byte[] nonce = Nonce.parse(query.optional("nonce").orElse(null));
        byte[] document;
        try {
            document = signer.attestKey(nonce);
        } catch (AttestationException e) {
            throw new AttestationUnavailable(e);
        }
        metrics.attestations.incrementAndGet();
        JsonObject body = new JsonObject();
        body.addProperty("publicKey", HexFormat.of().formatHex(signer.publicKey()));
        body.addProperty("attestation", Base64.getEncoder().encodeToString(document));
        body.addProperty("nonce", nonce == null ? null : HexFormat.of().formatHex(nonce));
        return ApiResponse.ok(body);
    }
}
