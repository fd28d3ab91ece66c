package dev.provably.nautilus.enclave.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provably.nautilus.enclave.identity.KmsSealer;
import dev.provably.nautilus.enclave.identity.RecipientKey;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.KmsException;

/** The stand-in's protocol and key policy, driven through the real AWS SDK client. */
class LocalKmsTest {
    private static final Map<String, String> CONTEXT = Map.of(KmsSealer.CONTEXT_KEY, "r1");

    @TempDir
    Path directory;

    private LocalKmsFixture fixture;

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private LocalKmsFixture start(Clock policyClock) throws Exception {
        fixture = new LocalKmsFixture(directory, Clock.systemUTC());
        return fixture.startKms(directory.resolve("kms"), fixture.releasePcrs(), policyClock);
    }

    /** A data key sealed by the stand-in, and its plaintext as an admitted recipient received it. */
    private record DataKey(byte[] plaintext, byte[] blob) {}

    private DataKey generate() throws Exception {
        RecipientKey recipient = RecipientKey.generate(new SecureRandom());
        byte[] document = fixture.enclaveSource().attest(recipient.publicKeyDer(), null, null);
        GenerateDataKeyResponse response = fixture.client().generateDataKey(b -> b.keyId(LocalKms.KEY_ID)
                .numberOfBytes(32)
                .encryptionContext(CONTEXT)
                .recipient(r -> r.attestationDocument(SdkBytes.fromByteArray(document))
                        .keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)));
        assertEquals(null, response.plaintext());
        return new DataKey(
                recipient.open(response.ciphertextForRecipient().asByteArray()),
                response.ciphertextBlob().asByteArray());
    }

    private DecryptResponse decrypt(byte[] blob, byte[] document) {
        return fixture.client().decrypt(b -> b.keyId(LocalKms.KEY_ID)
                .ciphertextBlob(SdkBytes.fromByteArray(blob))
                .encryptionContext(CONTEXT)
                .recipient(r -> r.attestationDocument(SdkBytes.fromByteArray(document))
                        .keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)));
    }

    /** KMS answers AccessDeniedException as a generic error code, not a modelled exception class. */
    private static KmsException denied(Executable call) {
        KmsException e = assertThrows(KmsException.class, call);
        assertEquals("AccessDeniedException", e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    @Test
    @DisplayName(
            "GenerateDataKey and Decrypt with an admitted Recipient answer CMS that only the recipient key opens, no plaintext")
    void answersCmsForTheRecipient() throws Exception {
        start(Clock.systemUTC());
        DataKey dataKey = generate();
        assertEquals(32, dataKey.plaintext().length);
        RecipientKey recipient = RecipientKey.generate(new SecureRandom());
        DecryptResponse response =
                decrypt(dataKey.blob(), fixture.enclaveSource().attest(recipient.publicKeyDer(), null, null));
        assertEquals(null, response.plaintext());
        assertArrayEquals(
                dataKey.plaintext(),
                recipient.open(response.ciphertextForRecipient().asByteArray()));
    }

    @Test
    @DisplayName("a restarted stand-in keeps its key: a blob sealed before decrypts after")
    void keyPersistsAcrossRestarts() throws Exception {
        start(Clock.systemUTC());
        DataKey dataKey = generate();
        fixture.close();
        start(Clock.systemUTC());
        RecipientKey recipient = RecipientKey.generate(new SecureRandom());
        DecryptResponse response =
                decrypt(dataKey.blob(), fixture.enclaveSource().attest(recipient.publicKeyDer(), null, null));
        assertArrayEquals(
                dataKey.plaintext(),
                recipient.open(response.ciphertextForRecipient().asByteArray()));
    }

    @Test
    @DisplayName("Decrypt and GenerateDataKey without a Recipient are denied: the policy releases plaintext to nobody")
    void plainDecryptIsDenied() throws Exception {
        start(Clock.systemUTC());
        byte[] blob = generate().blob();
        KmsException e = denied(() -> fixture.client()
                .decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(blob)).encryptionContext(CONTEXT)));
        assertTrue(e.getMessage().contains("only with a Recipient"), e.getMessage());
        denied(() ->
                fixture.client().generateDataKey(b -> b.keyId(LocalKms.KEY_ID).numberOfBytes(32)));
    }

    @Test
    @DisplayName("a stale recipient attestation (older than 5 minutes) is denied")
    void staleAttestationIsDenied() throws Exception {
        start(Clock.systemUTC());
        byte[] blob = generate().blob();
        fixture.close();
        start(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        RecipientKey recipient = RecipientKey.generate(new SecureRandom());
        byte[] document = fixture.enclaveSource().attest(recipient.publicKeyDer(), null, null);
        KmsException e = denied(() -> decrypt(blob, document));
        assertTrue(e.getMessage().contains("refused by the key policy"), e.getMessage());
        assertTrue(fixture.kmsLog().contains("Decrypt refused"), fixture.kmsLog());
    }

    @Test
    @DisplayName("a wrong PCR0 is denied with a message naming the PCR check")
    void wrongPcr0IsDenied() throws Exception {
        start(Clock.systemUTC());
        byte[] blob = generate().blob();
        byte[] pcr0 = fixture.pcr(0);
        pcr0[47] ^= 1;
        RecipientKey recipient = RecipientKey.generate(new SecureRandom());
        byte[] document =
                fixture.document(Map.of(0, pcr0, 1, fixture.pcr(1), 2, fixture.pcr(2)), recipient.publicKeyDer());
        KmsException e = denied(() -> decrypt(blob, document));
        assertTrue(e.getMessage().contains("PCR"), e.getMessage());
    }

    @Test
    @DisplayName("a recipient key that is not RSA-2048 is denied")
    void wrongRecipientKeySizeIsDenied() throws Exception {
        start(Clock.systemUTC());
        byte[] blob = generate().blob();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        byte[] document = fixture.document(
                fixture.releasePcrs(), generator.generateKeyPair().getPublic().getEncoded());
        KmsException e = denied(() -> decrypt(blob, document));
        assertTrue(e.getMessage().contains("RSA-3072"), e.getMessage());
    }

    @Test
    @DisplayName("an attestation not signed under the development root is denied")
    void forgedAttestationIsDenied() throws Exception {
        start(Clock.systemUTC());
        byte[] blob = generate().blob();
        RecipientKey recipient = RecipientKey.generate(new SecureRandom());
        byte[] document = fixture.enclaveSource().attest(recipient.publicKeyDer(), null, null);
        document[document.length - 3] ^= 1;
        denied(() -> decrypt(blob, document));
    }

    @Test
    @DisplayName("operations outside the subset and malformed bodies get KMS-shaped errors")
    void unknownOperationsAreRefused() throws Exception {
        start(Clock.systemUTC());
        KmsException e =
                assertThrows(KmsException.class, () -> fixture.client().generateRandom(b -> b.numberOfBytes(32)));
        assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
        // Encrypt is not offered: a caller could seal a seed it knows as the release's identity.
        e = assertThrows(KmsException.class, () -> fixture.client()
                .encrypt(b -> b.keyId(LocalKms.KEY_ID).plaintext(SdkBytes.fromByteArray(new byte[] {1}))));
        assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
        assertThrows(KmsException.class, () -> fixture.client()
                .generateDataKey(b -> b.keyId("alias/other").numberOfBytes(32)));
    }
}
