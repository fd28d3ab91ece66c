package dev.provably.nautilus.gate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.SyntheticNitro;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.report.IntentMessage;
import dev.provably.nautilus.report.ReportFixtures;
import dev.provably.nautilus.report.ReportJson;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Plays the enclave in tests: signs reports with a fixed Ed25519 key and answers with the JSON of
 * {@code POST /v1/reports}, attested by a synthetic Nitro chain. Every part of a response can be
 * changed before it is rendered, to build each tampering the gate must refuse.
 */
public final class EnclaveSimulator {
    /** The gate's time in these tests; the sample report is signed 2 s before. */
    public static final Instant NOW = Instant.parse("2025-04-15T02:26:49.462Z");

    /** One synthetic chain for all tests (immutable); valid from a day before {@link #NOW}. */
    public static final SyntheticNitro.Authority CA = SyntheticNitro.authority(NOW.minus(Duration.ofDays(1)));

    /** The PCR values the synthetic documents carry by default (SyntheticNitro: 48 bytes of 0x10 + i). */
    public static byte[] defaultPcr(int index) {
        byte[] value = new byte[48];
        Arrays.fill(value, (byte) (0x10 + index));
        return value;
    }

    /** RFC 8032 test 1 secret key: a fixed enclave key, so signatures are reproducible. */
    public static final byte[] ENCLAVE_SEED =
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(ENCLAVE_SEED, 0);

    /** The config a backend would have for this enclave: the synthetic root, PCRs 0..2. */
    public static BackendConfig.Builder config() {
        return BackendConfig.builder()
                .enclaveApiUrl(URI.create("http://10.0.1.5:5000"))
                .healthUrl(URI.create("http://10.0.1.5:8080/health"))
                .expectPcr(0, defaultPcr(0))
                .expectPcr(1, defaultPcr(1))
                .expectPcr(2, defaultPcr(2))
                .trustAnchor(TrustAnchor.of(CA.rootCertificate()))
                .region("us-east-1")
                .expectAnalysis(expectedAnalysis());
    }

    /** The analysis the sample report names: its policy and its two analyzers' identities. */
    public static ExpectedAnalysis expectedAnalysis() {
        return ExpectedAnalysis.of(
                ReportFixtures.POLICY_IDENTITY,
                java.util.Map.of(
                        "provenance", ReportFixtures.PROVENANCE_IDENTITY, "model", ReportFixtures.MODEL_IDENTITY));
    }

    /** The Ed25519 public key of another secret key. */
    public static byte[] publicKeyOf(byte[] seed) {
        return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    }

    public byte[] publicKey() {
        return key.generatePublicKey().getEncoded();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The nonce every simulated backend request carries unless a test sets another. */
    public static final byte[] NONCE = HexFormat.of().parseHex("6e617574696c75732d746573742d6e6f6e6365");

    /** A faithful response for {@code message} to a request with {@link #NONCE}, attested 50 ms after signing. */
    public Response respond(IntentMessage message) {
        return new Response(this, message);
    }

    /** One response, editable field by field before {@link #json()} renders it. */
    public static final class Response {
        private static final Gson GSON =
                new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

        public JsonObject view;
        public byte[] reportBcs;
        public byte[] signature;
        public byte[] publicKey;
        public byte[] nonce;
        public byte[] attestedPublicKey;
        public byte[] attestedUserData;
        public byte[] attestedNonce;
        public long attestationTimestampMs;
        public UnaryOperator<SyntheticNitro.DocumentBuilder> document = UnaryOperator.identity();
        public SyntheticNitro.Authority authority = CA;

        private Response(EnclaveSimulator enclave, IntentMessage message) {
            view = view(message);
            reportBcs = message.toBcs();
            signature = enclave.sign(reportBcs);
            publicKey = enclave.publicKey();
            attestedPublicKey = publicKey;
            attestedUserData = sha256(reportBcs);
            attestationTimestampMs = message.timestampMs() + 50;
            withNonce(NONCE);
        }

        /** Signs different bytes (and binds them in user_data), as an enclave would. */
        public Response resign(EnclaveSimulator enclave, byte[] bytes) {
            reportBcs = bytes;
            signature = enclave.sign(bytes);
            attestedUserData = sha256(bytes);
            return this;
        }

        /** Sets the caller's nonce in the attestation and in the response. */
        public Response withNonce(byte[] value) {
            nonce = value;
            attestedNonce = value;
            return this;
        }

        public byte[] attestation() {
            SyntheticNitro.DocumentBuilder builder = authority
                    .document(Instant.ofEpochMilli(attestationTimestampMs))
                    .publicKey(attestedPublicKey)
                    .userData(attestedUserData)
                    .nonce(attestedNonce);
            return document.apply(builder).build();
        }

        public JsonObject jsonObject() {
            HexFormat hex = HexFormat.of();
            JsonObject root = new JsonObject();
            root.add("report", view);
            root.addProperty("reportBcs", hex.formatHex(reportBcs));
            root.addProperty("signature", hex.formatHex(signature));
            root.addProperty("publicKey", hex.formatHex(publicKey));
            root.addProperty("attestation", Base64.getEncoder().encodeToString(attestation()));
            root.addProperty("nonce", nonce == null ? null : hex.formatHex(nonce));
            return root;
        }

        public String json() {
            return GSON.toJson(jsonObject());
        }

        /** The report view exactly as the enclave renders it. */
        public static JsonObject view(IntentMessage message) {
            return ReportJson.view(message);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
