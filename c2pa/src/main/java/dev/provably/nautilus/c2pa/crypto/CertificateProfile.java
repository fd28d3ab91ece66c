package dev.provably.nautilus.c2pa.crypto;

import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The C2PA signing-certificate profile (specification, "X.509 certificates"): v3, an allowed
 * signature algorithm, an allowed key (P-256/384/521, RSA of at least 2048 bits, Ed25519), not a
 * CA, key usage allowing digital signatures, an extended key usage that C2PA accepts (and not
 * anyExtendedKeyUsage), valid at the signing time, and a key that fits the COSE algorithm.
 */
final class CertificateProfile {
    private static final Set<String> SIGNATURE_ALGORITHMS = Set.of(
            "1.2.840.113549.1.1.11",
            "1.2.840.113549.1.1.12",
            "1.2.840.113549.1.1.13", // sha*WithRSAEncryption
            "1.2.840.10045.4.3.2",
            "1.2.840.10045.4.3.3",
            "1.2.840.10045.4.3.4", // ecdsa-with-SHA*
            "1.2.840.113549.1.1.10", // RSASSA-PSS
            "1.3.101.112"); // Ed25519
    private static final String ANY_EKU = "2.5.29.37.0";
    /** emailProtection, documentSigning, c2pa-kp-claimSigning, and the Microsoft C2PA signing EKU. */
    private static final Set<String> SIGNING_EKUS =
            Set.of("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36", "1.3.6.1.4.1.62558.2.1", "1.3.6.1.4.1.311.76.59.1.9");

    private CertificateProfile() {}

    /** Empty when the certificate passes; otherwise the code and the reason. */
    static Optional<String[]> check(X509Certificate cert, CoseAlgorithm alg, Instant at) {
        if (cert.getVersion() != 3) {
            return fail("signingCredential.invalid", "certificate is not X.509 v3");
        }
        try {
            cert.checkValidity(Date.from(at));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return fail("signingCredential.expired", "certificate not valid at " + at);
        }
        if (!SIGNATURE_ALGORITHMS.contains(cert.getSigAlgOID())) {
            return fail("signingCredential.invalid", "certificate signature algorithm " + cert.getSigAlgOID());
        }
        if (cert.getBasicConstraints() >= 0) {
            return fail("signingCredential.invalid", "signing certificate is a CA");
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && !ku[0]) {
            return fail("signingCredential.invalid", "key usage lacks digitalSignature");
        }
        List<String> ekus;
        try {
            ekus = cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return fail("signingCredential.invalid", "unreadable extended key usage");
        }
        if (ekus == null || ekus.contains(ANY_EKU) || ekus.stream().noneMatch(SIGNING_EKUS::contains)) {
            return fail("signingCredential.invalid", "extended key usage does not allow C2PA signing");
        }
        PublicKey key = cert.getPublicKey();
        boolean fits =
                switch (alg) {
                    case ES256, ES384, ES512 ->
                        key instanceof ECPublicKey ec
                                && ec.getParams().getCurve().getField().getFieldSize() == alg.ecFieldBits();
                    case PS256, PS384, PS512 ->
                        key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
                    case ED25519 ->
                        key.getAlgorithm().equalsIgnoreCase("Ed25519")
                                || key.getAlgorithm().equalsIgnoreCase("EdDSA");
                };
        if (!fits) {
            return fail("signingCredential.invalid", "certificate key does not fit " + alg);
        }
        return Optional.empty();
    }

    private static Optional<String[]> fail(String code, String why) {
        return Optional.of(new String[] {code, why});
    }
}
