package dev.provably.nautilus.attestation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/attestation-rules.md X1–X7, T4, T5: the chain [leaf, cabundle[n-1], ..., cabundle[1]] up to
 * the trust anchor, which cabundle[0] must equal byte for byte; then validity of every certificate
 * at the verification time in whole seconds. Static results for the part above the leaf come from
 * the {@link ChainCache}, so a warm document costs one signature check here (the leaf's).
 */
final class CertificateChainValidator {
    private final TrustAnchor anchor;
    private final ChainCache cache;
    private final P384Backends backends;

    CertificateChainValidator(TrustAnchor anchor, ChainCache cache, P384Backends backends) {
        this.anchor = anchor;
        this.cache = cache;
        this.backends = backends;
    }

    /**
     * Validates the chain at {@code epochSecond} and returns the bundle certificates, root first.
     * {@code caBundle} holds 1..10 DER entries (the payload rules guarantee the count).
     */
    List<X509Certificate> validate(ChainCertificate leaf, List<byte[]> caBundle, long epochSecond)
            throws VerificationException {
        if (!anchor.matches(caBundle.get(0))) {
            throw new VerificationException(
                    Reason.UNTRUSTED_CHAIN,
                    "cabundle[0] is not the trust anchor certificate (SHA-256 " + anchor.sha256Hex() + ")");
        }
        ChainCache.Key key = new ChainCache.Key(caBundle.subList(1, caBundle.size()));
        ChainCache.TrustedPrefix prefix = cache.get(key);
        if (prefix == null) {
            prefix = validatePrefix(caBundle);
            cache.put(key, prefix);
        }

        ChainCertificate issuingCa = prefix.issuingCa();
        leaf.requireLeaf();
        leaf.requireIssuedBy(issuingCa.role(), issuingCa.subject(), issuingCa.publicKey(), backends.caKeys());

        leaf.requireValidAt(epochSecond);
        for (int i = prefix.certificates().size() - 1; i >= 0; i--) {
            prefix.certificates().get(i).requireValidAt(epochSecond);
        }
        List<X509Certificate> bundle = new ArrayList<>(prefix.certificates().size());
        for (ChainCertificate certificate : prefix.certificates()) {
            bundle.add(certificate.certificate());
        }
        return List.copyOf(bundle);
    }

    /** Everything about anchor → cabundle[n-1] that does not depend on time. */
    private ChainCache.TrustedPrefix validatePrefix(List<byte[]> caBundle) throws VerificationException {
        int n = caBundle.size();
        List<ChainCertificate> certificates = new ArrayList<>(n);
        certificates.add(anchor.parsed());
        for (int i = 1; i < n; i++) {
            certificates.add(ChainCertificate.parse(caBundle.get(i), "cabundle[" + i + "]"));
        }
        for (int i = 0; i < n; i++) {
            // Below cabundle[i] sit cabundle[i+1..n-1], all CAs; the leaf is not one.
            certificates.get(i).requireCa(n - 1 - i);
        }
        for (int i = 1; i < n; i++) {
            ChainCertificate parent = certificates.get(i - 1);
            certificates.get(i).requireIssuedBy(parent.role(), parent.subject(), parent.publicKey(), backends.caKeys());
        }
        return new ChainCache.TrustedPrefix(certificates);
    }
}
