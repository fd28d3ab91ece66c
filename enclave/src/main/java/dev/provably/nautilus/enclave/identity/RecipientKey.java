package dev.provably.nautilus.enclave.identity;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A fresh RSA-2048 key pair made for one KMS Decrypt: its public key goes into the Recipient
 * attestation document, and only its private key (never leaving this object) opens the
 * {@code CiphertextForRecipient} that KMS returns (CMS EnvelopedData, RSAES-OAEP-SHA-256 key
 * transport, AES content encryption).
 */
public final class RecipientKey {
    public static final int KEY_BITS = 2048;
    /** A KMS answer wraps a 32-byte seed; anything near this size is not one. */
    static final int MAX_CMS_LENGTH = 16 * 1024;

    /** BouncyCastle as an instance (never installed globally): the JDK lacks some CMS algorithm names. */
    private final java.security.Provider provider = new BouncyCastleProvider();

    private final KeyPair pair;

    private RecipientKey(KeyPair pair) {
        this.pair = pair;
    }

    public static RecipientKey generate(SecureRandom random) throws IdentityException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, random);
            return new RecipientKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IdentityException("cannot generate the RSA-2048 recipient key: " + e.getMessage(), e);
        }
    }

    /** DER SubjectPublicKeyInfo: what the attestation document's public_key carries. */
    public byte[] publicKeyDer() {
        return pair.getPublic().getEncoded();
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    /**
     * The plaintext inside {@code envelopedData}, which must have exactly one RSAES-OAEP key
     * transport recipient that this key opens; anything else (tampered, truncated, for another key,
     * another algorithm) is an {@link IdentityException}.
     */
    public byte[] open(byte[] envelopedData) throws IdentityException {
        if (envelopedData == null || envelopedData.length == 0 || envelopedData.length > MAX_CMS_LENGTH) {
            throw new IdentityException("CiphertextForRecipient must be 1.." + MAX_CMS_LENGTH + " bytes of CMS");
        }
        try {
            CMSEnvelopedData cms = new CMSEnvelopedData(envelopedData);
            Collection<RecipientInformation> recipients =
                    cms.getRecipientInfos().getRecipients();
            if (recipients.size() != 1
                    || !(recipients.iterator().next() instanceof KeyTransRecipientInformation recipient)) {
                throw new IdentityException("CiphertextForRecipient must have exactly one key-transport recipient, got "
                        + recipients.size());
            }
            if (!PKCSObjectIdentifiers.id_RSAES_OAEP.getId().equals(recipient.getKeyEncryptionAlgOID())) {
                throw new IdentityException("CiphertextForRecipient wraps its key with "
                        + recipient.getKeyEncryptionAlgOID() + ", not RSAES-OAEP");
            }
            return recipient.getContent(new JceKeyTransEnvelopedRecipient(pair.getPrivate()).setProvider(provider));
        } catch (CMSException | RuntimeException e) {
            throw new IdentityException(
                    "cannot open CiphertextForRecipient (tampered, truncated or for another key): " + e.getMessage(),
                    e);
        }
    }
}
