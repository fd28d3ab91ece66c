package dev.provably.nautilus.enclave.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Opening CiphertextForRecipient: only intact CMS for this very key, with RSAES-OAEP. */
class RecipientKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SEED = new byte[32];

    private static byte[] envelope(RSAPublicKey key, boolean oaep) throws Exception {
        BouncyCastleProvider provider = new BouncyCastleProvider();
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        JceKeyTransRecipientInfoGenerator recipient = oaep
                ? new JceKeyTransRecipientInfoGenerator(
                        new byte[] {1, 2, 3},
                        new JcaAlgorithmParametersConverter()
                                .getAlgorithmIdentifier(
                                        PKCSObjectIdentifiers.id_RSAES_OAEP,
                                        new OAEPParameterSpec(
                                                "SHA-256",
                                                "MGF1",
                                                MGF1ParameterSpec.SHA256,
                                                PSource.PSpecified.DEFAULT)),
                        key)
                : new JceKeyTransRecipientInfoGenerator(new byte[] {1, 2, 3}, key);
        generator.addRecipientInfoGenerator(recipient.setProvider(provider));
        return generator
                .generate(
                        new CMSProcessableByteArray(SEED),
                        new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                                .setProvider(provider)
                                .build())
                .getEncoded();
    }

    @Test
    @DisplayName("a fresh recipient key is RSA-2048 and opens CMS made for it")
    void opensItsOwnEnvelope() throws Exception {
        RecipientKey key = RecipientKey.generate(RANDOM);
        assertEquals(2048, key.publicKey().getModulus().bitLength());
        assertArrayEquals(SEED, key.open(envelope(key.publicKey(), true)));
    }

    @Test
    @DisplayName("tampered CMS (a flipped byte in the encrypted content) is refused")
    void tamperedCmsIsRefused() throws Exception {
        RecipientKey key = RecipientKey.generate(RANDOM);
        byte[] cms = envelope(key.publicKey(), true);
        cms[cms.length - 2] ^= 0x01;
        assertThrows(IdentityException.class, () -> key.open(cms));
    }

    @Test
    @DisplayName("truncated CMS, empty input and oversized input are refused")
    void truncatedCmsIsRefused() throws Exception {
        RecipientKey key = RecipientKey.generate(RANDOM);
        byte[] cms = envelope(key.publicKey(), true);
        for (int length : new int[] {0, 1, 10, cms.length / 2, cms.length - 1}) {
            assertThrows(IdentityException.class, () -> key.open(Arrays.copyOf(cms, length)), "length " + length);
        }
        assertThrows(IdentityException.class, () -> key.open(new byte[RecipientKey.MAX_CMS_LENGTH + 1]));
    }

    @Test
    @DisplayName("CMS for another RSA key is refused")
    void otherKeyIsRefused() throws Exception {
        RecipientKey key = RecipientKey.generate(RANDOM);
        byte[] cms = envelope(RecipientKey.generate(RANDOM).publicKey(), true);
        assertThrows(IdentityException.class, () -> key.open(cms));
    }

    @Test
    @DisplayName("CMS wrapped with RSA PKCS#1 v1.5 instead of RSAES-OAEP is refused")
    void pkcs1WrappingIsRefused() throws Exception {
        RecipientKey key = RecipientKey.generate(RANDOM);
        byte[] cms = envelope(key.publicKey(), false);
        assertThrows(IdentityException.class, () -> key.open(cms));
    }
}
