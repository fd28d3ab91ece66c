package dev.provably.nautilus.enclave.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.provably.nautilus.enclave.http.ApiRequest;
import dev.provably.nautilus.enclave.http.ApiResponse;
import dev.provably.nautilus.enclave.http.JsonHttpServer;
import dev.provably.nautilus.enclave.http.Router;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * The local KMS stand-in: a loopback HTTP server speaking the subset of the KMS JSON protocol
 * ({@code X-Amz-Target: TrentService.*}) the enclave uses, so the enclave's real AWS SDK client runs
 * against it unchanged:
 * {@code GenerateDataKey} and {@code Decrypt}, each only with a {@code Recipient} that the
 * {@link RecipientPolicy} admits, answering {@code CiphertextForRecipient}: CMS EnvelopedData
 * (RSAES-OAEP-SHA-256, AES-256-CBC) for the attested RSA key, never plaintext.
 * Errors come back as KMS does ({@code 400}, {@code {"__type": ..., "message": ...}}), so the SDK
 * raises its typed exceptions. Not checked here: SigV4 signatures (any credentials are accepted;
 * only their presence is required) and IAM; each decision is printed as one log line.
 */
public final class LocalKms implements AutoCloseable {
    public static final String KEY_ID = "alias/nautilus-local";
    private static final int MAX_BODY = 64 * 1024;

    private final JsonHttpServer server;

    private LocalKms(JsonHttpServer server) {
        this.server = server;
    }

    public static LocalKms start(
            InetSocketAddress address, java.nio.file.Path stateDir, RecipientPolicy policy, PrintStream log)
            throws IOException {
        Handler handler = new Handler(LocalKmsKey.loadOrCreate(stateDir), policy, log);
        Router router = Router.builder().post("/", handler::handle, MAX_BODY).build();
        return new LocalKms(JsonHttpServer.start("kms-local", address, router, JsonHttpServer.Limits.defaults(2)));
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }

    /** One request's work; thread-safe (the key and policy are). */
    static final class Handler {
        private final LocalKmsKey key;
        private final RecipientPolicy policy;
        private final PrintStream log;
        private final BouncyCastleProvider provider = new BouncyCastleProvider();
        private final SecureRandom random = new SecureRandom();

        Handler(LocalKmsKey key, RecipientPolicy policy, PrintStream log) {
            this.key = key;
            this.policy = policy;
            this.log = log;
        }

        ApiResponse handle(ApiRequest request) {
            String target = request.header("X-Amz-Target").orElse("");
            if (request.header("Authorization")
                    .filter(a -> a.startsWith("AWS4-HMAC-SHA256 "))
                    .isEmpty()) {
                return error("MissingAuthenticationTokenException", "the request is not SigV4-signed");
            }
            JsonObject body;
            try {
                JsonElement parsed = JsonParser.parseString(new String(request.body(), StandardCharsets.UTF_8));
                if (!parsed.isJsonObject()) {
                    return error("SerializationException", "the body must be a JSON object");
                }
                body = parsed.getAsJsonObject();
            } catch (JsonParseException e) {
                return error("SerializationException", "the body is not JSON");
            }
            try {
                return switch (target) {
                    case "TrentService.GenerateDataKey" -> generateDataKey(body);
                    case "TrentService.Decrypt" -> decrypt(body);
                    default ->
                        error(
                                "UnknownOperationException",
                                "the local KMS stand-in does not implement '" + target
                                        + "' (only GenerateDataKey and Decrypt, with a Recipient)");
                };
            } catch (BadRequest e) {
                return error("ValidationException", e.getMessage());
            }
        }

        private ApiResponse generateDataKey(JsonObject body) throws BadRequest {
            checkMembers(body, Set.of("KeyId", "NumberOfBytes", "KeySpec", "EncryptionContext", "Recipient"));
            requireKey(body);
            int length = dataKeyLength(body);
            Map<String, String> context = context(body);
            RSAPublicKey recipientKey;
            try {
                recipientKey = admittedRecipient(body, "GenerateDataKey");
            } catch (RecipientPolicy.Refused e) {
                return error("AccessDeniedException", e.getMessage());
            }
            byte[] plaintext = new byte[length];
            random.nextBytes(plaintext);
            try {
                byte[] blob = key.encrypt(plaintext, context);
                JsonObject answer = recipientAnswer(plaintext, recipientKey);
                answer.addProperty("CiphertextBlob", Base64.getEncoder().encodeToString(blob));
                log.println("kms-local: GenerateDataKey allowed for an attested recipient (" + length
                        + " bytes, context " + context + ")");
                return ApiResponse.ok(answer);
            } catch (GeneralSecurityException | CMSException | IOException e) {
                return new ApiResponse(500, Map.of(), kmsError("KMSInternalException", e.getMessage()));
            } finally {
                java.util.Arrays.fill(plaintext, (byte) 0);
            }
        }

        private ApiResponse decrypt(JsonObject body) throws BadRequest {
            checkMembers(
                    body, Set.of("KeyId", "CiphertextBlob", "EncryptionContext", "Recipient", "EncryptionAlgorithm"));
            if (body.has("KeyId")) {
                requireKey(body);
            }
            RSAPublicKey recipientKey;
            try {
                recipientKey = admittedRecipient(body, "Decrypt");
            } catch (RecipientPolicy.Refused e) {
                return error("AccessDeniedException", e.getMessage());
            }
            byte[] plaintext;
            try {
                plaintext = key.decrypt(base64(body, "CiphertextBlob"), context(body));
            } catch (LocalKmsKey.InvalidCiphertext e) {
                log.println("kms-local: Decrypt refused: " + e.getMessage());
                return error("InvalidCiphertextException", e.getMessage());
            }
            try {
                JsonObject answer = recipientAnswer(plaintext, recipientKey);
                log.println("kms-local: Decrypt allowed for an attested recipient (" + policy.describe() + ")");
                return ApiResponse.ok(answer);
            } catch (GeneralSecurityException | CMSException | IOException e) {
                return new ApiResponse(500, Map.of(), kmsError("KMSInternalException", e.getMessage()));
            } finally {
                java.util.Arrays.fill(plaintext, (byte) 0);
            }
        }

        /** The key policy: these operations only with a Recipient the {@link RecipientPolicy} admits. */
        private RSAPublicKey admittedRecipient(JsonObject body, String operation)
                throws BadRequest, RecipientPolicy.Refused {
            if (!body.has("Recipient") || !body.get("Recipient").isJsonObject()) {
                String message = "the key policy allows " + operation + " only with a Recipient attestation";
                log.println("kms-local: " + operation + " refused: " + message);
                throw new RecipientPolicy.Refused(message);
            }
            JsonObject recipient = body.getAsJsonObject("Recipient");
            checkMembers(recipient, Set.of("AttestationDocument", "KeyEncryptionAlgorithm"));
            if (!"RSAES_OAEP_SHA_256".equals(string(recipient, "KeyEncryptionAlgorithm"))) {
                throw new BadRequest("Recipient.KeyEncryptionAlgorithm must be RSAES_OAEP_SHA_256");
            }
            try {
                return policy.admit(base64(recipient, "AttestationDocument"));
            } catch (RecipientPolicy.Refused e) {
                log.println("kms-local: " + operation + " refused: " + e.getMessage());
                throw e;
            }
        }

        private JsonObject recipientAnswer(byte[] plaintext, RSAPublicKey recipientKey)
                throws GeneralSecurityException, CMSException, IOException {
            JsonObject answer = new JsonObject();
            answer.addProperty(
                    "CiphertextForRecipient", Base64.getEncoder().encodeToString(envelope(plaintext, recipientKey)));
            answer.addProperty("KeyId", KEY_ID);
            return answer;
        }

        private static int dataKeyLength(JsonObject body) throws BadRequest {
            if (body.has("NumberOfBytes") == body.has("KeySpec")) {
                throw new BadRequest("give exactly one of NumberOfBytes and KeySpec");
            }
            if (body.has("KeySpec")) {
                return switch (string(body, "KeySpec")) {
                    case "AES_256" -> 32;
                    case "AES_128" -> 16;
                    default -> throw new BadRequest("KeySpec must be AES_256 or AES_128");
                };
            }
            JsonElement value = body.get("NumberOfBytes");
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                throw new BadRequest("NumberOfBytes must be a number");
            }
            int length;
            try {
                length = value.getAsBigDecimal().intValueExact();
            } catch (ArithmeticException e) {
                throw new BadRequest("NumberOfBytes must be 1..1024");
            }
            if (length < 1 || length > 1024) {
                throw new BadRequest("NumberOfBytes must be 1..1024");
            }
            return length;
        }

        /** CMS EnvelopedData for {@code recipient}: RSAES-OAEP (SHA-256, MGF1-SHA-256) key transport, AES-256-CBC. */
        private byte[] envelope(byte[] plaintext, RSAPublicKey recipient)
                throws GeneralSecurityException, CMSException, IOException {
            OAEPParameterSpec oaep =
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            byte[] keyId = java.security.MessageDigest.getInstance("SHA-256").digest(recipient.getEncoded());
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(
                            keyId,
                            new JcaAlgorithmParametersConverter()
                                    .getAlgorithmIdentifier(
                                            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP, oaep),
                            recipient)
                    .setProvider(provider));
            CMSEnvelopedData data = generator.generate(
                    new CMSProcessableByteArray(plaintext),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                            .setSecureRandom(random)
                            .setProvider(provider)
                            .build());
            return data.getEncoded();
        }

        private static void requireKey(JsonObject body) throws BadRequest {
            String keyId = string(body, "KeyId");
            if (!KEY_ID.equals(keyId)) {
                throw new BadRequest("the local KMS stand-in has one key, " + KEY_ID + "; got " + keyId);
            }
        }

        private static Map<String, String> context(JsonObject body) throws BadRequest {
            Map<String, String> context = new LinkedHashMap<>();
            if (!body.has("EncryptionContext")) {
                return context;
            }
            if (!body.get("EncryptionContext").isJsonObject()) {
                throw new BadRequest("EncryptionContext must be an object of strings");
            }
            for (Map.Entry<String, JsonElement> entry :
                    body.getAsJsonObject("EncryptionContext").entrySet()) {
                if (!entry.getValue().isJsonPrimitive()
                        || !entry.getValue().getAsJsonPrimitive().isString()) {
                    throw new BadRequest("EncryptionContext must be an object of strings");
                }
                context.put(entry.getKey(), entry.getValue().getAsString());
            }
            return context;
        }

        private static void checkMembers(JsonObject body, Set<String> allowed) throws BadRequest {
            for (String name : body.keySet()) {
                if (!allowed.contains(name)) {
                    throw new BadRequest("unexpected member " + name);
                }
            }
        }

        private static String string(JsonObject body, String name) throws BadRequest {
            JsonElement value = body.get(name);
            if (value == null
                    || !value.isJsonPrimitive()
                    || !value.getAsJsonPrimitive().isString()) {
                throw new BadRequest(name + " must be a string");
            }
            return value.getAsString();
        }

        private static byte[] base64(JsonObject body, String name) throws BadRequest {
            try {
                return Base64.getDecoder().decode(string(body, name));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(name + " must be base64");
            }
        }

        private static ApiResponse error(String type, String message) {
            return ApiResponse.of(400, kmsError(type, message)).withHeader("x-amzn-ErrorType", type);
        }

        private static JsonObject kmsError(String type, String message) {
            JsonObject body = new JsonObject();
            body.addProperty("__type", type);
            body.addProperty("message", message);
            return body;
        }
    }

    /** The request is malformed (KMS's ValidationException). */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
