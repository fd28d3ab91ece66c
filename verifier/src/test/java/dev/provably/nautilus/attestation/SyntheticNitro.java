package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.CborBytes.array;
import static dev.provably.nautilus.attestation.CborBytes.bytes;
import static dev.provably.nautilus.attestation.CborBytes.concat;
import static dev.provably.nautilus.attestation.CborBytes.nil;
import static dev.provably.nautilus.attestation.CborBytes.text;
import static dev.provably.nautilus.attestation.CborBytes.uint;

import dev.provably.nautilus.issuer.CertificateProfile;
import dev.provably.nautilus.issuer.CertificateProfile.Level;
import dev.provably.nautilus.issuer.NitroDocument;
import dev.provably.nautilus.issuer.Pem;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The rule tests' mutation layer over the nitro-issuer module: documents in the exact AWS Nitro
 * format (the issuer's {@link NitroDocument} layout and {@link CertificateProfile}s), under a private
 * P-384 chain root → regional (pathLen 2) → zonal (1) → instance (0) → leaf.
 *
 * <p>Everything can be changed, down to raw CBOR bytes, so tests can build any mutation and then
 * sign it properly; certificates, the {@code Sig_structure} and ES384 signatures come from the
 * issuer, so this class holds only what makes a document deliberately wrong. One {@link Authority}
 * issues any number of documents sharing one chain, each with its own leaf key and certificate
 * (valid documents outside the rule tests come from the issuer's {@code DevCa} directly):
 *
 * <pre>{@code
 * SyntheticNitro.Authority ca = SyntheticNitro.authority(Instant.parse("2025-01-01T00:00:00Z"));
 * TrustAnchor anchor = TrustAnchor.of(ca.rootCertificate());
 * byte[] doc = ca.document(Instant.parse("2025-01-02T00:00:00Z")).nonce(n).build();
 * }</pre>
 *
 * <p>Not thread-safe: use one builder per thread ({@link Authority} itself may be shared).
 */
public final class SyntheticNitro {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SyntheticNitro() {}

    /** A chain valid for 30 days from {@code notBefore}, with the AWS profile at every level. */
    public static Authority authority(Instant notBefore) {
        return authorityBuilder().notBefore(notBefore).build();
    }

    public static Authority.Builder authorityBuilder() {
        return new Authority.Builder();
    }

    /** A root → regional → zonal → instance chain that issues documents. Immutable, shareable. */
    public static final class Authority {
        private final Issued root;
        private final Issued regional;
        private final Issued zonal;
        private final Issued instance;

        private Authority(Issued root, Issued regional, Issued zonal, Issued instance) {
            this.root = root;
            this.regional = regional;
            this.zonal = zonal;
            this.instance = instance;
        }

        public X509Certificate rootCertificate() {
            return root.certificate();
        }

        public String rootPem() {
            return Pem.encode("CERTIFICATE", root.der());
        }

        /** The DER of root, regional, zonal and instance certificates, root first (fresh copies). */
        public List<byte[]> caBundle() {
            return List.of(
                    root.der().clone(),
                    regional.der().clone(),
                    zonal.der().clone(),
                    instance.der().clone());
        }

        /** The key pair of a CA level (to sign deliberately wrong certificates in tests). */
        public KeyPair keyPair(Level level) {
            return issued(level).keys();
        }

        public X509Certificate certificate(Level level) {
            return issued(level).certificate();
        }

        /** A new document at {@code timestamp} with a fresh leaf key, ready to customise. */
        public DocumentBuilder document(Instant timestamp) {
            return new DocumentBuilder(this, timestamp.toEpochMilli());
        }

        /** A default document at {@code timestampMillis} with a fresh leaf key. */
        public byte[] issue(long timestampMillis) {
            return new DocumentBuilder(this, timestampMillis).build();
        }

        /**
         * {@code count} distinct documents at {@code timestampMillis} sharing this chain, each with
         * its own leaf key and certificate and an 8-byte nonce holding its index (big-endian).
         */
        public List<byte[]> issueMany(int count, long timestampMillis) {
            List<byte[]> documents = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte[] nonce = java.nio.ByteBuffer.allocate(8).putLong(i).array();
                documents.add(
                        new DocumentBuilder(this, timestampMillis).nonce(nonce).build());
            }
            return documents;
        }

        private Issued issued(Level level) {
            return switch (level) {
                case ROOT -> root;
                case REGIONAL -> regional;
                case ZONAL -> zonal;
                case INSTANCE -> instance;
                case LEAF -> throw new IllegalArgumentException("leaf keys belong to documents");
            };
        }

        /** Chooses the validity, the root subject and the profile of each CA level. */
        public static final class Builder {
            private Instant notBefore = Instant.parse("2025-01-01T00:00:00Z");
            private Duration validity = Duration.ofDays(30);
            private X500Name rootSubject = new X500Name("C=US,O=Amazon,OU=AWS,CN=synthetic.nitro-enclaves");
            private final Map<Level, CertificateProfile> profiles = new EnumMap<>(Level.class);

            private Builder() {
                for (Level level : List.of(Level.ROOT, Level.REGIONAL, Level.ZONAL, Level.INSTANCE)) {
                    profiles.put(level, CertificateProfile.aws(level));
                }
            }

            public Builder notBefore(Instant value) {
                notBefore = value.truncatedTo(ChronoUnit.SECONDS);
                return this;
            }

            public Builder validity(Duration value) {
                validity = value;
                return this;
            }

            /** The root's subject (and issuer), e.g. the real AWS root's, to build a look-alike. */
            public Builder rootSubject(X500Name value) {
                rootSubject = value;
                return this;
            }

            public Builder profile(Level level, UnaryOperator<CertificateProfile> change) {
                if (level == Level.LEAF) {
                    throw new IllegalArgumentException("set leaf profiles per document");
                }
                profiles.put(level, change.apply(profiles.get(level)));
                return this;
            }

            public Authority build() {
                Instant notAfter = notBefore.plus(validity);
                String region = "us-east-1";
                KeyPair rootKeys = newKeyPair(profiles.get(Level.ROOT));
                Issued root = issueCertificate(
                        rootSubject, rootSubject, rootKeys, rootKeys, profiles.get(Level.ROOT), notBefore, notAfter);
                Issued regional = issueUnder(
                        root,
                        name("0123456789abcdef." + region + ".aws.nitro-enclaves"),
                        profiles.get(Level.REGIONAL),
                        notBefore,
                        notAfter);
                Issued zonal = issueUnder(
                        regional,
                        name("fedcba9876543210.zonal." + region + ".aws.nitro-enclaves"),
                        profiles.get(Level.ZONAL),
                        notBefore,
                        notAfter);
                Issued instance = issueUnder(
                        zonal,
                        name("i-0123456789abcdef0." + region + ".aws.nitro-enclaves"),
                        profiles.get(Level.INSTANCE),
                        notBefore,
                        notAfter);
                return new Authority(root, regional, zonal, instance);
            }

            private static Issued issueUnder(
                    Issued issuer, X500Name subject, CertificateProfile profile, Instant from, Instant to) {
                KeyPair keys = newKeyPair(profile);
                return issueCertificate(subject, issuer.subject(), keys, issuer.keys(), profile, from, to);
            }
        }
    }

    /**
     * One document: payload entries kept as raw CBOR (key encoding, value encoding) in wire order,
     * so tests can remove, duplicate or replace anything, then sign. Defaults follow real NSM
     * output: 16 PCRs of 48 bytes (0..4 and 8 non-zero), optional fields CBOR null.
     */
    public static final class DocumentBuilder {
        private final Authority authority;
        private final KeyPair leafKeys;
        private final List<byte[][]> entries = new ArrayList<>();
        private final SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        private long timestampMillis;
        private CertificateProfile leafProfile = CertificateProfile.aws(Level.LEAF);
        private Instant leafNotBefore;
        private Instant leafNotAfter;
        private X500Name leafIssuer;
        private KeyPair leafSigner;
        private boolean indefiniteMap;
        private Long tag;
        private byte[] protectedHeader = NitroDocument.es384ProtectedHeader();
        private byte[] unprotectedHeader = CborBytes.map();
        private PrivateKey coseSigner;
        private UnaryOperator<byte[]> signatureChange = UnaryOperator.identity();
        private byte[] payloadOverride;
        private byte[] trailing = new byte[0];
        private byte[] certificateOverride;
        private List<byte[]> caBundleOverride;
        private byte[] leafDer;
        private final Set<String> rawGenerated = new HashSet<>();
        private static final Set<String> GENERATED = Set.of("timestamp", "pcrs", "certificate", "cabundle");

        private DocumentBuilder(Authority authority, long timestampMillis) {
            this.authority = authority;
            this.leafKeys = newKeyPair(CertificateProfile.aws(Level.LEAF));
            this.timestampMillis = timestampMillis;
            for (int i = 0; i < 16; i++) {
                byte[] value = new byte[48];
                if (i <= 4 || i == 8) {
                    Arrays.fill(value, (byte) (0x10 + i));
                }
                pcrs.put(i, value);
            }
            for (String key : NitroDocument.PAYLOAD_KEYS) {
                entries.add(new byte[][] {text(key), nil()});
            }
            moduleId("i-0123456789abcdef0-enc0123456789abcdef");
            digest(NitroDocument.DIGEST);
        }

        /** The leaf key pair (its private key signs the COSE message unless {@link #signWith} says otherwise). */
        public KeyPair leafKeyPair() {
            return leafKeys;
        }

        public long timestampMillis() {
            return timestampMillis;
        }

        /** The document timestamp; also moves the leaf's default validity (timestamp - 3 s .. + 3 h). */
        public DocumentBuilder timestampMillis(long value) {
            timestampMillis = value;
            leafDer = null;
            return this;
        }

        public DocumentBuilder moduleId(String value) {
            return set("module_id", text(value));
        }

        public DocumentBuilder digest(String value) {
            return set("digest", text(value));
        }

        public DocumentBuilder pcr(int index, byte[] value) {
            pcrs.put(index, value.clone());
            return this;
        }

        public byte[] pcr(int index) {
            return pcrs.get(index).clone();
        }

        /** PCR0, PCR1 and PCR2 all zero, as a debug-mode enclave reports them. */
        public DocumentBuilder debugMode() {
            for (int i = 0; i < 3; i++) {
                pcrs.put(i, new byte[48]);
            }
            return this;
        }

        /** A byte string, or CBOR null when {@code value} is null. */
        public DocumentBuilder publicKey(byte[] value) {
            return set("public_key", value == null ? nil() : bytes(value));
        }

        public DocumentBuilder userData(byte[] value) {
            return set("user_data", value == null ? nil() : bytes(value));
        }

        public DocumentBuilder nonce(byte[] value) {
            return set("nonce", value == null ? nil() : bytes(value));
        }

        /**
         * Replaces the value of {@code key} (appending the key if absent) with a raw CBOR encoding.
         * For the generated fields (timestamp, pcrs, certificate, cabundle) the raw value then stays.
         */
        public DocumentBuilder set(String key, byte[] rawValue) {
            if (GENERATED.contains(key)) {
                rawGenerated.add(key);
            }
            byte[] encodedKey = text(key);
            for (byte[][] entry : entries) {
                if (Arrays.equals(entry[0], encodedKey)) {
                    entry[1] = rawValue.clone();
                    return this;
                }
            }
            entries.add(new byte[][] {encodedKey, rawValue.clone()});
            return this;
        }

        /** Removes every entry whose key is the text {@code key}. */
        public DocumentBuilder remove(String key) {
            byte[] encodedKey = text(key);
            entries.removeIf(entry -> Arrays.equals(entry[0], encodedKey));
            return this;
        }

        /** Appends a raw entry, even one whose key already exists (duplicate keys). */
        public DocumentBuilder append(byte[] rawKey, byte[] rawValue) {
            entries.add(new byte[][] {rawKey.clone(), rawValue.clone()});
            return this;
        }

        /** Encodes the payload map as {@code bf ... ff} instead of a definite-length map. */
        public DocumentBuilder indefiniteLengthMap(boolean value) {
            indefiniteMap = value;
            return this;
        }

        public DocumentBuilder leafProfile(UnaryOperator<CertificateProfile> change) {
            leafProfile = change.apply(leafProfile);
            leafDer = null;
            return this;
        }

        public DocumentBuilder leafValidity(Instant notBefore, Instant notAfter) {
            leafDer = null;
            leafNotBefore = notBefore;
            leafNotAfter = notAfter;
            return this;
        }

        /** Writes {@code issuer} as the leaf's issuer DN (it is still signed by the instance key). */
        public DocumentBuilder leafIssuerName(X500Name issuer) {
            leafDer = null;
            leafIssuer = issuer;
            return this;
        }

        /** Signs the leaf certificate with {@code keys} instead of the instance CA's key. */
        public DocumentBuilder leafSignedBy(KeyPair keys) {
            leafDer = null;
            leafSigner = keys;
            return this;
        }

        /** Puts this DER in {@code certificate} instead of the generated leaf. */
        public DocumentBuilder certificate(byte[] der) {
            certificateOverride = der.clone();
            return this;
        }

        /** Puts these DER entries in {@code cabundle} instead of the authority's chain. */
        public DocumentBuilder caBundle(List<byte[]> ders) {
            caBundleOverride = ders.stream().map(byte[]::clone).toList();
            return this;
        }

        /** The COSE tag (e.g. 18); null leaves the message untagged, the default. */
        public DocumentBuilder tag(Long value) {
            tag = value;
            return this;
        }

        /** The contents of the protected-header byte string (default {@code a1 01 38 22}). */
        public DocumentBuilder protectedHeader(byte[] value) {
            protectedHeader = value.clone();
            return this;
        }

        /** The raw CBOR item in the unprotected-header position (default {@code a0}). */
        public DocumentBuilder unprotectedHeader(byte[] rawItem) {
            unprotectedHeader = rawItem.clone();
            return this;
        }

        /** Signs the COSE message with this key instead of the leaf key. */
        public DocumentBuilder signWith(PrivateKey key) {
            coseSigner = key;
            return this;
        }

        /** Transforms the 96-byte r‖s signature before it is written. */
        public DocumentBuilder signature(UnaryOperator<byte[]> change) {
            signatureChange = change;
            return this;
        }

        /** Uses these bytes as the payload byte string's content instead of the encoded map. */
        public DocumentBuilder payload(byte[] content) {
            payloadOverride = content.clone();
            return this;
        }

        /** Bytes appended after the COSE item. */
        public DocumentBuilder trailing(byte[] value) {
            trailing = value.clone();
            return this;
        }

        /** The DER of the leaf certificate this builder writes (generated once per leaf setting). */
        public byte[] leafCertificate() {
            if (certificateOverride != null) {
                return certificateOverride.clone();
            }
            if (leafDer == null) {
                leafDer = generateLeaf();
            }
            return leafDer.clone();
        }

        private byte[] generateLeaf() {
            Instant notBefore = leafNotBefore != null
                    ? leafNotBefore
                    : Instant.ofEpochMilli(timestampMillis)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .minusSeconds(3);
            Instant notAfter = leafNotAfter != null
                    ? leafNotAfter
                    : Instant.ofEpochMilli(timestampMillis)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .plus(Level.LEAF.lifetime());
            Issued instance = authority.instance;
            X500Name issuer = leafIssuer != null ? leafIssuer : instance.subject();
            KeyPair signer = leafSigner != null ? leafSigner : instance.keys();
            KeyPair subjectKeys =
                    CertificateProfile.CURVE.equals(leafProfile.curve()) ? leafKeys : newKeyPair(leafProfile);
            return issueCertificate(
                            name("i-0123456789abcdef0-enc0123456789abcdef.us-east-1.aws"),
                            issuer,
                            subjectKeys,
                            signer,
                            leafProfile,
                            notBefore,
                            notAfter)
                    .der();
        }

        /** The payload bytes (the encoded map, unless overridden). */
        public byte[] payloadBytes() {
            if (payloadOverride != null) {
                return payloadOverride.clone();
            }
            List<byte[]> bundle = caBundleOverride != null ? caBundleOverride : authority.caBundle();
            byte[][] pcrItems = new byte[pcrs.size() * 2][];
            int i = 0;
            for (Map.Entry<Integer, byte[]> pcr : pcrs.entrySet()) {
                pcrItems[i++] = uint(pcr.getKey());
                pcrItems[i++] = bytes(pcr.getValue());
            }
            refresh("timestamp", uint(timestampMillis));
            refresh("pcrs", CborBytes.map(pcrItems));
            refresh("certificate", bytes(leafCertificate()));
            refresh("cabundle", array(bundle.stream().map(CborBytes::bytes).toArray(byte[][]::new)));
            byte[][] flat = new byte[entries.size() * 2][];
            for (int e = 0; e < entries.size(); e++) {
                flat[2 * e] = entries.get(e)[0];
                flat[2 * e + 1] = entries.get(e)[1];
            }
            return indefiniteMap ? CborBytes.indefiniteMap(flat) : CborBytes.map(flat);
        }

        /** The complete COSE_Sign1 document. */
        public byte[] build() {
            byte[] payload = payloadBytes();
            byte[] toBeSigned = NitroDocument.sigStructure(protectedHeader, payload);
            byte[] signature =
                    signatureChange.apply(sign(coseSigner != null ? coseSigner : leafKeys.getPrivate(), toBeSigned));
            byte[] cose = array(bytes(protectedHeader), unprotectedHeader, bytes(payload), bytes(signature));
            return concat(tag == null ? cose : CborBytes.tag(tag, cose), trailing);
        }

        // Generated fields are refreshed at build time unless a test gave them a raw value or removed them.
        private void refresh(String key, byte[] generated) {
            if (rawGenerated.contains(key)) {
                return;
            }
            byte[] encodedKey = text(key);
            for (byte[][] entry : entries) {
                if (Arrays.equals(entry[0], encodedKey)) {
                    entry[1] = generated;
                }
            }
        }
    }

    private record Issued(X509Certificate certificate, byte[] der, X500Name subject, KeyPair keys) {}

    private static X500Name name(String commonName) {
        return new X500Name("C=US,O=Amazon,OU=AWS,CN=" + commonName);
    }

    private static KeyPair newKeyPair(CertificateProfile profile) {
        try {
            return profile.newKeyPair(RANDOM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issueCertificate(
            X500Name subject,
            X500Name issuer,
            KeyPair subjectKeys,
            KeyPair issuerKeys,
            CertificateProfile profile,
            Instant notBefore,
            Instant notAfter) {
        try {
            X509Certificate certificate = profile.issue(
                    subject,
                    subjectKeys.getPublic(),
                    issuer,
                    issuerKeys.getPublic(),
                    issuerKeys.getPrivate(),
                    notBefore,
                    notAfter,
                    RANDOM);
            return new Issued(certificate, certificate.getEncoded(), subject, subjectKeys);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ECDSA over SHA-384 in the fixed-length r‖s form COSE uses (96 bytes for P-384). */
    private static byte[] sign(PrivateKey key, byte[] message) {
        try {
            return NitroDocument.es384Signature(key, message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
