package dev.provably.nautilus.gate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportJson;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The enclave's answer to {@code POST /v1/reports} (and a finished analysis job's result), the one
 * codec of that contract: the enclave writes it with {@link #of} and {@link #toJsonTree()}, the
 * gate reads it with {@link #parse}.
 *
 * <pre>{@code
 * {"report": {<ReportJson view>}, "reportBcs": "<hex>", "signature": "<64-byte hex>",
 *  "publicKey": "<32-byte hex>", "attestation": "<standard base64>", "nonce": "<hex>" | null}
 * }</pre>
 *
 * Reading checks the shape only (every member present and no other, hex and base64 well formed,
 * sizes); whether the parts are genuine and bound together is the gate's work. Immutable.
 */
public final class ReportResponse {
    static final int SIGNATURE_BYTES = 64;
    static final int PUBLIC_KEY_BYTES = 32;
    private static final Set<String> MEMBERS =
            Set.of("report", "reportBcs", "signature", "publicKey", "attestation", "nonce");
    private static final Gson JSON =
            new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private final JsonObject report;
    private final byte[] reportBcs;
    private final byte[] signature;
    private final byte[] publicKey;
    private final byte[] attestation;
    private final byte[] nonce;

    private ReportResponse(
            JsonObject report, byte[] reportBcs, byte[] signature, byte[] publicKey, byte[] attestation, byte[] nonce) {
        this.report = report;
        this.reportBcs = reportBcs;
        this.signature = signature;
        this.publicKey = publicKey;
        this.attestation = attestation;
        this.nonce = nonce;
    }

    /**
     * The response for a signed report: {@code message} is written as its JSON view, {@code
     * reportBcs} are the signed bytes, {@code nonce} is null when the request carried none.
     *
     * @throws IllegalArgumentException for a part {@link #parse} would refuse
     */
    public static ReportResponse of(
            IntentMessage message,
            byte[] reportBcs,
            byte[] signature,
            byte[] publicKey,
            byte[] attestation,
            byte[] nonce) {
        Objects.requireNonNull(message, "message");
        return new ReportResponse(
                ReportJson.view(message),
                nonEmpty(reportBcs, "reportBcs"),
                sized(signature, SIGNATURE_BYTES, "signature"),
                sized(publicKey, PUBLIC_KEY_BYTES, "publicKey"),
                nonEmpty(attestation, "attestation"),
                nonce == null ? null : nonce.clone());
    }

    /**
     * Reads a response's JSON.
     *
     * @throws GateRejection {@link GateReason#MALFORMED_RESPONSE} naming the first member that is
     *     missing, extra or ill-formed
     */
    public static ReportResponse parse(String json) throws GateRejection {
        Objects.requireNonNull(json, "json");
        try {
            JsonObject root = StrictJson.object(StrictJson.parse(json), "the response");
            StrictJson.onlyKeys(root, "the response", MEMBERS);
            JsonObject view = StrictJson.object(root.get("report"), "report");
            byte[] reportBcs = hex(root, "reportBcs", -1);
            byte[] signature = hex(root, "signature", SIGNATURE_BYTES);
            byte[] publicKey = hex(root, "publicKey", PUBLIC_KEY_BYTES);
            byte[] attestation = base64(root, "attestation");
            JsonElement nonceValue = root.get("nonce");
            byte[] nonce = nonceValue == null || nonceValue.isJsonNull() ? null : hexOrEmpty(root, "nonce");
            return new ReportResponse(view.deepCopy(), reportBcs, signature, publicKey, attestation, nonce);
        } catch (StrictJson.ShapeException e) {
            throw new GateRejection(GateReason.MALFORMED_RESPONSE, e.getMessage());
        }
    }

    /**
     * This response with another report: its view and signed bytes replaced, the signature, key,
     * attestation and nonce kept (what a forger in the middle would send).
     */
    public ReportResponse withReport(IntentMessage message, byte[] reportBcs) {
        Objects.requireNonNull(message, "message");
        return new ReportResponse(
                ReportJson.view(message), nonEmpty(reportBcs, "reportBcs"), signature, publicKey, attestation, nonce);
    }

    /** The response as a JSON tree, members in the documented order, {@code "nonce": null} when absent. */
    public JsonObject toJsonTree() {
        HexFormat hex = HexFormat.of();
        JsonObject body = new JsonObject();
        body.add("report", report.deepCopy());
        body.addProperty("reportBcs", hex.formatHex(reportBcs));
        body.addProperty("signature", hex.formatHex(signature));
        body.addProperty("publicKey", hex.formatHex(publicKey));
        body.addProperty("attestation", Base64.getEncoder().encodeToString(attestation));
        body.add("nonce", nonce == null ? JsonNull.INSTANCE : new JsonPrimitive(hex.formatHex(nonce)));
        return body;
    }

    /** {@link #toJsonTree()} as compact JSON text. */
    public String toJson() {
        return JSON.toJson(toJsonTree());
    }

    /** The report's JSON view as received (unchecked until the gate compares it with the BCS). */
    JsonObject view() {
        return report;
    }

    /** The signed report bytes (BCS of the intent message). */
    public byte[] reportBcs() {
        return reportBcs.clone();
    }

    /** The Ed25519 signature over {@link #reportBcs()}. */
    public byte[] signature() {
        return signature.clone();
    }

    /** The enclave's Ed25519 public key, as the response states it. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The attestation document (COSE_Sign1 bytes). */
    public byte[] attestation() {
        return attestation.clone();
    }

    /** The nonce the response states, empty when it says null. */
    public Optional<byte[]> nonce() {
        return Optional.ofNullable(nonce).map(byte[]::clone);
    }

    private static byte[] nonEmpty(byte[] value, String member) {
        Objects.requireNonNull(value, member);
        if (value.length == 0) {
            throw new IllegalArgumentException(member + " is empty");
        }
        return value.clone();
    }

    private static byte[] sized(byte[] value, int length, String member) {
        Objects.requireNonNull(value, member);
        if (value.length != length) {
            throw new IllegalArgumentException(member + " must be " + length + " bytes, got " + value.length);
        }
        return value.clone();
    }

    /** Non-empty hex of exactly {@code length} bytes, or of any length when {@code length} is -1. */
    private static byte[] hex(JsonObject root, String member, int length) throws StrictJson.ShapeException {
        byte[] bytes = hexOrEmpty(root, member);
        if (bytes.length == 0) {
            throw new StrictJson.ShapeException(member + " is empty");
        }
        if (length >= 0 && bytes.length != length) {
            throw new StrictJson.ShapeException(member + " must be " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** Hex of any length, empty included (the nsm profile allows an empty nonce). */
    private static byte[] hexOrEmpty(JsonObject root, String member) throws StrictJson.ShapeException {
        String text = StrictJson.string(root.get(member), member);
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new StrictJson.ShapeException(member + " must be hex");
        }
    }

    private static byte[] base64(JsonObject root, String member) throws StrictJson.ShapeException {
        String text = StrictJson.string(root.get(member), member);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new StrictJson.ShapeException(member + " must be standard base64");
        }
        if (bytes.length == 0) {
            throw new StrictJson.ShapeException(member + " is empty");
        }
        return bytes;
    }
}
