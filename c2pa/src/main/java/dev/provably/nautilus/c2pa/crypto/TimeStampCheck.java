package dev.provably.nautilus.c2pa.crypto;

import co.nstant.in.cbor.model.DataItem;
import dev.provably.nautilus.c2pa.manifest.Cbor;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * RFC 3161 time stamps in the COSE unprotected header: {@code sigTst} (v1: the token's message
 * imprint covers a countersignature structure over the claim) and {@code sigTst2} (v2: over the
 * CBOR byte string of the claim signature). A verified time stamp's genTime is the signing time.
 */
final class TimeStampCheck {
    /** The outcome: no time stamp, a verified one, or a failure with its C2PA code. */
    record Outcome(
            Optional<Instant> time,
            Optional<String> failureCode,
            String detail,
            Optional<X509Certificate> tsaCertificate) {
        static Outcome absent() {
            return new Outcome(Optional.empty(), Optional.empty(), "no time stamp", Optional.empty());
        }

        static Outcome failed(String code, String detail) {
            return new Outcome(Optional.empty(), Optional.of(code), detail, Optional.empty());
        }
    }

    private final Provider provider;

    TimeStampCheck(Provider provider) {
        this.provider = provider;
    }

    Outcome check(CoseSign1 sign1, byte[] claim) {
        Optional<DataItem> v2 = Cbor.get(sign1.unprotectedHeader(), "sigTst2");
        Optional<DataItem> v1 = Cbor.get(sign1.unprotectedHeader(), "sigTst");
        if (v2.isEmpty() && v1.isEmpty()) {
            return Outcome.absent();
        }
        byte[] payload = v2.isPresent() ? CoseSign1.byteString(sign1.signature()) : claim;
        DataItem container = v2.orElseGet(v1::get);
        List<DataItem> tokens =
                Cbor.get(container, "tstTokens").map(Cbor::array).orElse(List.of());
        if (tokens.size() != 1) {
            return Outcome.failed(
                    "timeStamp.malformed", "expected exactly one tstTokens entry, found " + tokens.size());
        }
        Optional<byte[]> val = Cbor.get(tokens.get(0), "val").flatMap(Cbor::bytes);
        if (val.isEmpty()) {
            return Outcome.failed("timeStamp.malformed", "time stamp token has no val");
        }
        try {
            TimeStampToken token = parse(val.get(), v2.isPresent());
            TimeStampTokenInfo info = token.getTimeStampInfo();
            MessageDigest md =
                    MessageDigest.getInstance(info.getMessageImprintAlgOID().getId(), provider);
            byte[] expected = md.digest(sign1.countersignToBeSigned(payload));
            if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
                return Outcome.failed("timeStamp.mismatch", "time stamp message imprint does not match");
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
            if (matches.isEmpty()) {
                return Outcome.failed("timeStamp.mismatch", "time stamp token carries no TSA certificate");
            }
            X509CertificateHolder tsa = matches.iterator().next();
            // Checks the CMS signature, the TSA certificate's timeStamping EKU and its validity at genTime.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            X509Certificate tsaCert =
                    new JcaX509CertificateConverter().setProvider(provider).getCertificate(tsa);
            return new Outcome(
                    Optional.of(info.getGenTime().toInstant()),
                    Optional.empty(),
                    "time stamp by " + tsa.getSubject(),
                    Optional.of(tsaCert));
        } catch (Exception e) {
            // BouncyCastle reports bad encodings and bad signatures with several exception types.
            return Outcome.failed("timeStamp.mismatch", "time stamp does not verify: " + e.getMessage());
        }
    }

    /** v2 stores a TimeStampToken (CMS ContentInfo); v1 stores a whole TimeStampResp. */
    private static TimeStampToken parse(byte[] der, boolean v2) throws Exception {
        // Each form is tried first where it is expected; writers have not always followed that.
        try {
            return v2 ? asToken(der) : asResponse(der);
        } catch (Exception expectedFormFailed) {
            return v2 ? asResponse(der) : asToken(der);
        }
    }

    private static TimeStampToken asToken(byte[] der) throws Exception {
        return new TimeStampToken(new CMSSignedData(der));
    }

    private static TimeStampToken asResponse(byte[] der) throws Exception {
        TimeStampToken token = new TimeStampResponse(der).getTimeStampToken();
        if (token == null) {
            throw new IllegalArgumentException("time stamp response holds no token");
        }
        return token;
    }
}
