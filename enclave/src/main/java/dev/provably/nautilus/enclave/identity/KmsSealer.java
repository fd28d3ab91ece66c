package dev.provably.nautilus.enclave.identity;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * The two KMS calls the enclave makes, both with a {@code Recipient} (an attestation document
 * binding a fresh RSA key), so KMS answers only CMS for that key and never plaintext:
 * {@code GenerateDataKey} makes a new 32-byte seed inside KMS (first enclave of a release), and
 * {@code Decrypt} unseals the stored ciphertext (every later one). Not {@code Encrypt}: whoever may
 * call Encrypt (the parent holds the role's credentials) could seal a seed it knows and hand it
 * over as the release's identity; GenerateDataKey and Decrypt are both bound to the attested PCRs
 * by the key policy. Both carry the encryption context {@code nautilus:release = PCR0}, so a
 * ciphertext sealed for one release does not decrypt for another even under a policy admitting both.
 */
public final class KmsSealer {
    public static final String CONTEXT_KEY = "nautilus:release";
    public static final int SEED_BYTES = 32;

    /** A new seed and its KMS ciphertext. */
    public record Sealed(byte[] seed, byte[] ciphertext) {}

    private final KmsClient kms;
    private final String keyId;

    public KmsSealer(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    /** A new seed made by KMS, readable only by {@code recipient}, with its ciphertext for the store. */
    public Sealed generate(String release, byte[] attestationDocument, RecipientKey recipient)
            throws IdentityException {
        GenerateDataKeyResponse response;
        try {
            response = kms.generateDataKey(b -> b.keyId(keyId)
                    .numberOfBytes(SEED_BYTES)
                    .encryptionContext(Map.of(CONTEXT_KEY, release))
                    .recipient(recipientInfo(attestationDocument)));
        } catch (SdkException e) {
            throw new IdentityException("KMS GenerateDataKey under " + keyId + " failed: " + describe(e), e);
        }
        refusePlaintext(response.plaintext());
        if (response.ciphertextBlob() == null || response.ciphertextForRecipient() == null) {
            throw new IdentityException("KMS GenerateDataKey returned no CiphertextBlob or no CiphertextForRecipient");
        }
        return new Sealed(
                recipient.open(response.ciphertextForRecipient().asByteArray()),
                response.ciphertextBlob().asByteArray());
    }

    /**
     * The seed in {@code ciphertext}, released by KMS to {@code recipient} against
     * {@code attestationDocument} (whose public_key is the recipient's).
     */
    public byte[] unseal(byte[] ciphertext, String release, byte[] attestationDocument, RecipientKey recipient)
            throws IdentityException {
        DecryptResponse response;
        try {
            response = kms.decrypt(b -> b.keyId(keyId)
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(Map.of(CONTEXT_KEY, release))
                    .recipient(recipientInfo(attestationDocument)));
        } catch (SdkException e) {
            throw new IdentityException("KMS Decrypt of the sealed identity failed: " + describe(e), e);
        }
        refusePlaintext(response.plaintext());
        if (response.ciphertextForRecipient() == null) {
            throw new IdentityException("KMS Decrypt returned no CiphertextForRecipient");
        }
        return recipient.open(response.ciphertextForRecipient().asByteArray());
    }

    private static RecipientInfo recipientInfo(byte[] attestationDocument) {
        return RecipientInfo.builder()
                .attestationDocument(SdkBytes.fromByteArray(attestationDocument))
                .keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .build();
    }

    /** KMS never returns plaintext with a Recipient; an answer that does went around the enclave. */
    private static void refusePlaintext(SdkBytes plaintext) throws IdentityException {
        if (plaintext != null && plaintext.asByteArrayUnsafe().length > 0) {
            throw new IdentityException("KMS returned plaintext despite the Recipient: refusing it");
        }
    }

    private static String describe(SdkException e) {
        if (e instanceof KmsException kms && kms.awsErrorDetails() != null) {
            return kms.awsErrorDetails().errorCode() + ": "
                    + kms.awsErrorDetails().errorMessage() + " (HTTP " + kms.statusCode() + ")";
        }
        return e.getMessage();
    }
}
