package dev.provably.nautilus.c2pa.crypto;

import dev.provably.nautilus.c2pa.manifest.ManifestException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a claim's COSE_Sign1 signature (JCA signatures and PKIX; BouncyCastle for the RFC 3161
 * time-stamp tokens): the signature over the claim, the
 * time stamp, the signing certificate's profile at the signing time, and the chain to a trust
 * anchor. "Valid" and "trusted" are separate: an untrusted chain is reported, not fatal.
 */
public final class ClaimSignatureVerifier {
    private final Provider provider;
    private final TrustAnchors anchors;
    private final Clock clock;
    private final TimeStampCheck timeStamps;

    public ClaimSignatureVerifier(Provider provider, TrustAnchors anchors, Clock clock) {
        this.provider = provider;
        this.anchors = anchors;
        this.clock = clock;
        this.timeStamps = new TimeStampCheck(provider);
    }

    public SignatureOutcome verify(byte[] coseSign1, byte[] claim) {
        List<String[]> failures = new ArrayList<>();
        List<String[]> successes = new ArrayList<>();
        List<String[]> informational = new ArrayList<>();
        CoseSign1 sign1;
        try {
            sign1 = CoseSign1.parse(coseSign1);
        } catch (ManifestException e) {
            failures.add(new String[] {e.code(), e.getMessage()});
            unverified(failures);
            return new SignatureOutcome(
                    failures, successes, informational, Optional.empty(), Optional.empty(), Optional.empty());
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : sign1.x5chain()) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // As c2pa-rs: the claim signature cannot be verified with an unreadable certificate.
            failures.add(new String[] {"claimSignature.mismatch", "x5chain certificate unreadable: " + e.getMessage()});
            failures.add(new String[] {"signingCredential.untrusted", "signing certificate untrusted"});
            return new SignatureOutcome(
                    failures,
                    successes,
                    informational,
                    Optional.empty(),
                    Optional.of(sign1.algorithm()),
                    Optional.empty());
        }
        X509Certificate signer = chain.get(0);

        TimeStampCheck.Outcome ts = timeStamps.check(sign1, claim);
        ts.failureCode().ifPresentOrElse(code -> informational.add(new String[] {code, ts.detail()}), () -> ts.time()
                .ifPresent(t -> successes.add(new String[] {"timeStamp.validated", ts.detail()})));

        boolean signatureHolds;
        try {
            Signature sig = sign1.algorithm().newVerifier(provider);
            sig.initVerify(signer.getPublicKey());
            sig.update(sign1.toBeSigned(claim));
            signatureHolds = sig.verify(sign1.signature());
        } catch (GeneralSecurityException | RuntimeException e) {
            signatureHolds = false;
        }
        if (signatureHolds) {
            successes.add(new String[] {"claimSignature.validated", "claim signature valid"});
        } else {
            failures.add(new String[] {"claimSignature.mismatch", "claim signature does not verify"});
        }

        Instant at = ts.time().orElseGet(clock::instant);
        Optional<String[]> profile = CertificateProfile.check(signer, sign1.algorithm(), at);
        profile.ifPresentOrElse(
                failures::add,
                () -> successes.add(
                        new String[] {"claimSignature.insideValidity", "signing certificate valid at " + at}));

        if (chainsToAnchor(chain, at)) {
            successes.add(new String[] {"signingCredential.trusted", "signing certificate chains to a trust anchor"});
        } else {
            failures.add(new String[] {"signingCredential.untrusted", "signing certificate untrusted"});
        }
        return new SignatureOutcome(
                failures, successes, informational, Optional.of(signer), Optional.of(sign1.algorithm()), ts.time());
    }

    /** A signature that cannot be read leaves the claim unverified and the signer untrusted. */
    private static void unverified(List<String[]> failures) {
        failures.add(new String[] {"claimSignature.mismatch", "claim signature could not be verified"});
        failures.add(new String[] {"signingCredential.untrusted", "signing certificate untrusted"});
    }

    private boolean chainsToAnchor(List<X509Certificate> chain, Instant at) {
        if (anchors.isEmpty()) {
            return false;
        }
        // The anchor itself may travel in x5chain; PKIX wants the path without it.
        List<X509Certificate> path =
                chain.stream().filter(c -> !anchors.certificates().contains(c)).toList();
        if (path.isEmpty()) {
            return false;
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors.asPkix());
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
