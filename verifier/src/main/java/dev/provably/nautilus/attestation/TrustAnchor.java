package dev.provably.nautilus.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root a chain must end in (docs/attestation-rules.md X2): {@code cabundle[0]} must equal its
 * DER byte for byte. Only {@link #awsNitroRootG1()} is trusted by default; another anchor (such as
 * a local development CA) is used only when passed explicitly. Immutable.
 */
public final class TrustAnchor {
    /** DER SHA-256 of AWS Nitro Enclaves Root-G1, as published by AWS and baked into Sui. */
    static final String AWS_NITRO_ROOT_G1_SHA256 = "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";

    private static final String AWS_ROOT_RESOURCE = "aws-nitro-root-g1.pem";
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final byte[] der;
    private final ChainCertificate parsed;
    private final String sha256Hex;

    private TrustAnchor(byte[] der, ChainCertificate parsed) {
        this.der = der;
        this.parsed = parsed;
        this.sha256Hex = sha256Hex(der);
    }

    /** The bundled AWS Nitro Enclaves Root-G1, checked against its pinned DER SHA-256 when loaded. */
    public static TrustAnchor awsNitroRootG1() {
        return AwsRoot.ANCHOR;
    }

    /** Exactly one PEM certificate; IllegalArgumentException if it is not one, or not a P-384 certificate. */
    public static TrustAnchor fromPem(String pem) {
        Objects.requireNonNull(pem, "pem");
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no PEM certificate found");
        }
        String body = matcher.group(1);
        if (matcher.find()) {
            throw new IllegalArgumentException("more than one PEM certificate; a trust anchor is exactly one");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM certificate is not valid Base64", e);
        }
        return fromDer(der);
    }

    public static TrustAnchor fromPemFile(Path pem) throws IOException {
        return fromPem(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    /** IllegalArgumentException unless the certificate carries a P-384 key and is signed with ecdsa-with-SHA384. */
    public static TrustAnchor of(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return fromDer(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    private static TrustAnchor fromDer(byte[] der) {
        try {
            return new TrustAnchor(der.clone(), ChainCertificate.parse(der, "trust anchor"));
        } catch (VerificationException e) {
            throw new IllegalArgumentException("unusable trust anchor: " + e.getMessage(), e);
        }
    }

    /** The certificate as one PEM block (64-character lines, final newline): what {@link #fromPem} reads. */
    public String toPem() {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    public X509Certificate certificate() {
        return parsed.certificate();
    }

    /** Lower-case hex SHA-256 of the certificate's DER. */
    public String sha256Hex() {
        return sha256Hex;
    }

    ChainCertificate parsed() {
        return parsed;
    }

    boolean matches(byte[] candidateDer) {
        return MessageDigest.isEqual(der, candidateDer);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustAnchor anchor && Arrays.equals(der, anchor.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "TrustAnchor[" + parsed.certificate().getSubjectX500Principal().getName() + ", sha256=" + sha256Hex
                + "]";
    }

    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Loaded on first use; a bundled file that does not hash to the pinned value is a broken build. */
    private static final class AwsRoot {
        static final TrustAnchor ANCHOR = load();

        private static TrustAnchor load() {
            try (InputStream in = TrustAnchor.class.getResourceAsStream(AWS_ROOT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("bundled " + AWS_ROOT_RESOURCE + " is missing");
                }
                TrustAnchor anchor = fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                if (!AWS_NITRO_ROOT_G1_SHA256.equals(anchor.sha256Hex())) {
                    throw new IllegalStateException("bundled " + AWS_ROOT_RESOURCE + " has DER SHA-256 "
                            + anchor.sha256Hex() + ", expected " + AWS_NITRO_ROOT_G1_SHA256);
                }
                return anchor;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled " + AWS_ROOT_RESOURCE, e);
            }
        }
    }
}
