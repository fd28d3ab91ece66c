package dev.provably.nautilus.c2pa.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The configured trust anchors (a PEM bundle); empty by default, so nothing is "trusted". */
public final class TrustAnchors {
    private final List<X509Certificate> roots;

    private TrustAnchors(List<X509Certificate> roots) {
        this.roots = List.copyOf(roots);
    }

    public static TrustAnchors none() {
        return new TrustAnchors(List.of());
    }

    /** Reads every certificate of a PEM bundle. */
    public static TrustAnchors fromPem(String pem) throws CertificateException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        Collection<? extends Certificate> certs =
                cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        return new TrustAnchors(certs.stream().map(X509Certificate.class::cast).toList());
    }

    public List<X509Certificate> certificates() {
        return roots;
    }

    public boolean isEmpty() {
        return roots.isEmpty();
    }

    Set<TrustAnchor> asPkix() {
        return roots.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    }
}
