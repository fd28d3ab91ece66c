package dev.provably.nautilus.enclave.host;

import com.google.gson.JsonObject;

/** The outcome of one health probe: healthy with a description of the enclave, or a reason. */
public record ProbeResult(boolean healthy, JsonObject enclave, String reason) {
    public ProbeResult {
        enclave = enclave == null ? null : enclave.deepCopy();
    }

    @Override
    public JsonObject enclave() {
        return enclave == null ? null : enclave.deepCopy();
    }

    public static ProbeResult healthy(JsonObject enclave) {
        return new ProbeResult(true, enclave, null);
    }

    public static ProbeResult unhealthy(String reason) {
        return new ProbeResult(false, null, reason);
    }
}
