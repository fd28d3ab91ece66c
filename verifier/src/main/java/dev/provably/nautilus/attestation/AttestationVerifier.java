package dev.provably.nautilus.attestation;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Verifies AWS Nitro Enclave attestation documents (docs/attestation-rules.md), failing closed:
 * a {@link VerifiedAttestation} comes back only when every rule passed; a document a rule rejects
 * is a {@link VerificationException} with its {@link Reason}; a failure of the verifier itself (a
 * bug, a clock outside the representable range) is a {@link VerifierFault}, never a verdict.
 *
 * <p>A verifier must say which enclave image it trusts: {@link Builder#build()} refuses to build
 * one without an expected PCR unless {@link Builder#anyEnclaveImage()} was called, because such a
 * verifier accepts any genuine Nitro enclave running any code in any AWS account.
 *
 * <p>The checks run in this order: COSE_Sign1 structure, payload fields under the profile, the
 * leaf key, the COSE signature, the certificate chain (static rules, then validity at the
 * verification time), then policy: debug mode, expected PCRs, freshness, nonce, public key.
 *
 * <p>Immutable configuration, safe to share between threads. Each instance keeps a bounded
 * cache of verified chain prefixes (never of validity in time).
 */
public final class AttestationVerifier {
    private final Profile profile;
    private final ProfileLimits limits;
    private final Clock clock;
    private final PolicyCheck policy;
    private final CertificateChainValidator chain;
    private final P384Backends backends;

    private AttestationVerifier(Builder builder, TrustAnchor anchor, SortedMap<Integer, byte[]> expectedPcrs) {
        this.profile = builder.profile;
        this.limits = ProfileLimits.of(builder.profile);
        this.clock = builder.clock;
        this.policy = new PolicyCheck(builder.allowDebug, expectedPcrs, builder.maxAge);
        this.backends = builder.signatureBackend == null
                ? P384Backends.configured()
                : P384Backends.only(builder.signatureBackend);
        this.chain = new CertificateChainValidator(anchor, new ChainCache(builder.chainCacheSize), backends);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies at the clock's current time with no nonce or public key expected. */
    public VerifiedAttestation verify(byte[] document) throws VerificationException {
        return verify(document, Expectations.none());
    }

    /**
     * Verifies at the clock's current time: the chain must be valid then, and the document fresh.
     *
     * @throws NullPointerException if {@code expectations} is null (use {@link Expectations#none()})
     */
    public VerifiedAttestation verify(byte[] document, Expectations expectations) throws VerificationException {
        Objects.requireNonNull(expectations, "expectations");
        long nowMillis;
        try {
            nowMillis = clock.millis();
        } catch (ArithmeticException e) {
            throw new VerifierFault("the verifier's clock is outside the representable time range: a setup fault", e);
        }
        return run(document, expectations, nowMillis);
    }

    /**
     * Re-checks an archived document: the chain at the document's own timestamp and no freshness
     * check; every other rule, the debug and PCR policy included, still applies.
     */
    public VerifiedAttestation verifyArchived(byte[] document) throws VerificationException {
        return run(document, Expectations.none(), null);
    }

    private VerifiedAttestation run(byte[] document, Expectations expectations, Long nowMillis)
            throws VerificationException {
        if (document == null) {
            throw new VerificationException(Reason.MALFORMED, "document is null");
        }
        byte[] bytes = document.clone();
        try {
            CoseSign1 cose = CoseSign1.parse(bytes);
            AttestationPayload payload = AttestationPayload.parse(cose.payload(), limits);
            ChainCertificate leaf = ChainCertificate.parse(payload.certificate, "leaf certificate");
            CoseSignature.verify(cose, leaf.publicKey(), backends.leafKeys());
            long atMillis = nowMillis != null ? nowMillis : payload.timestampMillis;
            List<X509Certificate> bundle = chain.validate(leaf, payload.caBundle, Math.floorDiv(atMillis, 1000L));
            policy.requireDebugAndPcrs(payload);
            if (nowMillis != null) {
                policy.requireFresh(payload, nowMillis);
            }
            PolicyCheck.requireExpectations(payload, expectations);
            return new VerifiedAttestation(payload, leaf.certificate(), bundle, profile, bytes, backends.reported());
        } catch (RuntimeException e) {
            // Every input is meant to be rejected by a rule above, so this is a bug (ours or a
            // library's), not a verdict on the document: say so instead of calling it MALFORMED.
            throw new VerifierFault("internal error while verifying (the document was not verified): " + e, e);
        }
    }

    /** The backend that verifies documents' signatures here (for logs, not for policy). */
    public SignatureBackend signatureBackend() {
        return backends.reported();
    }

    @Override
    public String toString() {
        return "AttestationVerifier[profile=" + profile + ", signatures=" + backends.reported() + "]";
    }

    /** Configures a verifier; strict defaults: profile SUI, AWS root, system UTC clock, 5 minutes, no debug. */
    public static final class Builder {
        private Profile profile = Profile.SUI;
        private TrustAnchor trustAnchor;
        private Clock clock = Clock.systemUTC();
        private Duration maxAge = Duration.ofMinutes(5);
        private boolean allowDebug;
        private final ExpectedPcrs.Builder expectedPcrs = ExpectedPcrs.builder();
        private boolean anyEnclaveImage;
        private int chainCacheSize = 1024;
        private SignatureBackend signatureBackend;

        private Builder() {}

        public Builder profile(Profile p) {
            profile = Objects.requireNonNull(p, "profile");
            return this;
        }

        public Builder trustAnchor(TrustAnchor a) {
            trustAnchor = Objects.requireNonNull(a, "trustAnchor");
            return this;
        }

        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Oldest accepted document age (inclusive); must be positive. */
        public Builder maxAge(Duration d) {
            Objects.requireNonNull(d, "maxAge");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive, got " + d);
            }
            maxAge = d;
            return this;
        }

        public Builder allowDebug(boolean allow) {
            allowDebug = allow;
            return this;
        }

        /**
         * Requires PCR {@code index} (0..31) to equal {@code value} (32, 48 or 64 bytes). Repeatable
         * for different indices; the same index twice is refused (a silent replacement would hide a
         * configuration mistake).
         */
        public Builder expectPcr(int index, byte[] value) {
            expectedPcrs.expect(index, value);
            return this;
        }

        /**
         * UNSAFE: builds a verifier even without an expected PCR, which accepts a genuine document
         * from any Nitro enclave running any image in any AWS account. For inspecting documents
         * (the CLI's {@code --any-image}), never for deciding whether to trust an enclave.
         */
        public Builder anyEnclaveImage() {
            anyEnclaveImage = true;
            return this;
        }

        /** {@link #expectPcr} for each entry. */
        public Builder expectPcrs(Map<Integer, byte[]> pcrs) {
            Objects.requireNonNull(pcrs, "pcrs");
            for (Map.Entry<Integer, byte[]> pcr : pcrs.entrySet()) {
                expectPcr(Objects.requireNonNull(pcr.getKey(), "PCR index"), pcr.getValue());
            }
            return this;
        }

        /** {@link #expectPcr} for each pinned value. */
        public Builder expectPcrs(ExpectedPcrs pcrs) {
            return expectPcrs(Objects.requireNonNull(pcrs, "pcrs").values());
        }

        /** How many verified chain prefixes to remember; 0 disables the cache. */
        public Builder chainCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("chainCacheSize must be >= 0, got " + entries);
            }
            chainCacheSize = entries;
            return this;
        }

        /**
         * Forces one P-384 backend for every signature (both give the same verdicts; this is for
         * comparing them). By default the system property {@code nautilus.signatureBackend} decides
         * if set, else ACCP runs when it is on the class path and loads, else BouncyCastle;
         * {@link #build()} throws {@link IllegalStateException} if ACCP is forced but
         * unavailable.
         */
        public Builder signatureBackend(SignatureBackend backend) {
            signatureBackend = Objects.requireNonNull(backend, "signatureBackend");
            return this;
        }

        /**
         * @throws IllegalStateException if no PCR is expected and {@link #anyEnclaveImage()} was not
         *     called
         */
        public AttestationVerifier build() {
            if (expectedPcrs.isEmpty() && !anyEnclaveImage) {
                throw new IllegalStateException(
                        "no expected PCRs: call expectPcr(0, <the enclave image's PCR0>) (and"
                                + " PCR1, PCR2), or anyEnclaveImage() to accept any enclave image, which is unsafe for trust decisions");
            }
            return new AttestationVerifier(
                    this,
                    trustAnchor != null ? trustAnchor : TrustAnchor.awsNitroRootG1(),
                    Collections.unmodifiableSortedMap(expectedPcrs.build().values()));
        }
    }
}
