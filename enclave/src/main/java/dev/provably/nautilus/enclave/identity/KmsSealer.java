package dev.provably.nautilus.enclave.identity;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * The two KMS calls the enclave makes: {@code Encrypt} (seal a new seed) and {@code Decrypt} with a
 * {@code Recipient} (unseal; KMS answers only with CMS for the attested RSA key, never plaintext).
 * Both carry the encryption context {@code nautilus:release = PCR0}, so a ciphertext sealed by one
 * release does not decrypt for another even under a key policy that admits both.
 */
public final class KmsSealer {
    public static final String CONTEXT_KEY = "nautilus:release";

    private final KmsClient kms;
    private final String keyId;

    public KmsSealer(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    public byte[] seal(byte[] seed, String release) throws IdentityException {
        try {
            return kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromByteArray(seed))
                    .encryptionContext(Map.of(CONTEXT_KEY, release))).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw new IdentityException("KMS Encrypt under " + keyId + " failed: " + describe(e), e);
        }
    }

    /**
     * The seed in {@code ciphertext}, released by KMS to {@code recipient} against
     * {@code attestationDocument} (whose public_key is the recipient's).
     */
    public byte[] unseal(byte[] ciphertext, String release, byte[] attestationDocument, RecipientKey recipient)
            throws IdentityException {
        DecryptResponse response;
        try {
            response = kms.decrypt(b -> b.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(Map.of(CONTEXT_KEY, release))
                    .recipient(RecipientInfo.builder()
                            .attestationDocument(SdkBytes.fromByteArray(attestationDocument))
                            .keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256).build()));
        } catch (SdkException e) {
            throw new IdentityException("KMS Decrypt of the sealed identity failed: " + describe(e), e);
        }
        if (response.plaintext() != null && response.plaintext().asByteArrayUnsafe().length > 0) {
            // KMS never returns plaintext with a Recipient; an answer that does went around the enclave.
            throw new IdentityException("KMS Decrypt returned plaintext despite the Recipient: refusing it");
        }
        if (response.ciphertextForRecipient() == null) {
            throw new IdentityException("KMS Decrypt returned no CiphertextForRecipient");
        }
        return recipient.open(response.ciphertextForRecipient().asByteArray());
    }

    private static String describe(SdkException e) {
        if (e instanceof KmsException kms && kms.awsErrorDetails() != null) {
            return kms.awsErrorDetails().errorCode() + ": " + kms.awsErrorDetails().errorMessage()
                    + " (HTTP " + kms.statusCode() + ")";
        }
        return e.getMessage();
    }
}
