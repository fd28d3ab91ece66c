package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.provably.nautilus.issuer.CertificateProfile;
import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ACCP and BouncyCastle reach exactly the same verdict (accepted, or the same {@link Reason}) on
 * every real vector, on synthetic documents breaking each signature-related rule, and on thousands
 * of seeded mutants aimed at the parts the signatures cover.
 */
class BackendDifferentialTest {
    private static final BigInteger N = SECNamedCurves.getByName("secp384r1").getN();
    private static final SyntheticNitro.Authority AUTHORITY = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE);

    @BeforeAll
    static void accpLoads() {
        assumeTrue(AccpP384.load().isPresent(), "ACCP does not load on this platform: nothing to compare");
    }

    /** The verdict: null when accepted, else the reason. A fault (bug) fails the test. */
    private static Reason outcome(AttestationVerifier verifier, byte[] document) {
        try {
            VerifiedAttestation verified = verifier.verify(document);
            assertEquals(verifier.signatureBackend(), verified.signatureBackend());
            return null;
        } catch (VerificationException e) {
            return e.reason();
        }
    }

    /** Verdicts of the same document under both backends, which must agree; returns the verdict. */
    private static Reason agreed(AttestationVerifier.Builder settings, byte[] document, String what) {
        Reason accp = outcome(settings.signatureBackend(SignatureBackend.ACCP).build(), document);
        Reason bouncyCastle = outcome(
                settings.signatureBackend(SignatureBackend.BOUNCY_CASTLE).build(), document);
        assertEquals(bouncyCastle, accp, what);
        return accp;
    }

    private static AttestationVerifier.Builder at(long millis, Profile profile) {
        return AttestationVerifier.builder()
                .anyEnclaveImage()
                .allowDebug(true)
                .profile(profile)
                .clock(Vectors.at(millis));
    }

    @Test
    @DisplayName("the two backends report themselves")
    void backendsReportThemselves() throws VerificationException {
        byte[] weather = Vectors.read(Vectors.WEATHER);
        for (SignatureBackend backend : SignatureBackend.values()) {
            AttestationVerifier verifier = at(Vectors.WEATHER_TIMESTAMP, Profile.SUI)
                    .signatureBackend(backend)
                    .build();
            assertEquals(backend, verifier.verify(weather).signatureBackend());
        }
    }

    @Test
    @DisplayName("every real vector, under both profiles, gets the same verdict (and the indexed one)")
    void realVectors() {
        for (Vectors vector : Vectors.GENUINE) {
            for (Profile profile : Profile.values()) {
                Reason verdict = agreed(at(vector.timestampMillis(), profile), vector.bytes(), vector + " " + profile);
                assertEquals(vector.expected(profile), verdict, vector + " " + profile);
            }
        }
        for (String negative : List.of("neg-blocky-selfsigned.cbor", "neg-vaportpm-nitrotpm-not-enclave.cbor")) {
            Reason verdict = agreed(at(Vectors.WEATHER_TIMESTAMP, Profile.NSM), Vectors.read(negative), negative);
            assertTrue(verdict != null, negative + " must be rejected");
        }
    }

    /** Synthetic documents, each breaking (or stretching) one rule the signatures decide. */
    private static Map<String, byte[]> syntheticCases() {
        KeyPair stranger = SyntheticNitro.authority(Fixtures.CA_NOT_BEFORE).keyPair(CertificateProfile.Level.INSTANCE);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("genuine", document().build());
        cases.put(
                "COSE signed by another key",
                document().signWith(stranger.getPrivate()).build());
        cases.put(
                "leaf signed by another key", document().leafSignedBy(stranger).build());
        cases.put(
                "leaf names another issuer",
                document().leafIssuerName(new X500Name("CN=someone else")).build());
        cases.put(
                "leaf on P-256",
                document().leafProfile(p -> p.withCurve("secp256r1")).build());
        cases.put(
                "leaf is a CA",
                document()
                        .leafProfile(p -> CertificateProfile.aws(CertificateProfile.Level.INSTANCE))
                        .build());
        cases.put(
                "leaf expired",
                document()
                        .leafValidity(Fixtures.AT.minus(Duration.ofDays(2)), Fixtures.AT.minus(Duration.ofDays(1)))
                        .build());
        cases.put("payload replaced after signing", replacedPayload());
        cases.put(
                "CA bundle without the zonal CA",
                document()
                        .caBundle(List.of(
                                AUTHORITY.caBundle().get(0),
                                AUTHORITY.caBundle().get(1),
                                AUTHORITY.caBundle().get(3)))
                        .build());
        List<byte[]> tampered = new ArrayList<>(AUTHORITY.caBundle());
        byte[] zonal = tampered.get(2).clone();
        zonal[zonal.length - 3] ^= 1;
        tampered.set(2, zonal);
        cases.put("zonal CA signature tampered", document().caBundle(tampered).build());
        Map<String, UnaryOperator<byte[]>> signatures = new LinkedHashMap<>();
        signatures.put("r = 0", rs -> withR(rs, BigInteger.ZERO));
        signatures.put("s = 0", rs -> withS(rs, BigInteger.ZERO));
        signatures.put("r = 1", rs -> withR(rs, BigInteger.ONE));
        signatures.put("s = n - 1", rs -> withS(rs, N.subtract(BigInteger.ONE)));
        signatures.put("r = n", rs -> withR(rs, N));
        signatures.put("s = n", rs -> withS(rs, N));
        signatures.put(
                "r = n + r",
                rs -> withR(rs, N.add(new BigInteger(1, Arrays.copyOf(rs, 48))).mod(BigInteger.ONE.shiftLeft(384))));
        signatures.put(
                "s replaced by n - s (the other valid s)",
                rs -> withS(rs, N.subtract(new BigInteger(1, Arrays.copyOfRange(rs, 48, 96)))));
        signatures.put("r and s swapped", rs -> concat(Arrays.copyOfRange(rs, 48, 96), Arrays.copyOf(rs, 48)));
        signatures.put("all ones", rs -> filled((byte) 0xff));
        signatures.put("all zeros", rs -> filled((byte) 0));
        signatures.forEach((name, change) ->
                cases.put("COSE signature " + name, document().signature(change).build()));
        return cases;
    }

    @Test
    @AttestationRule({"C5", "X3"})
    @DisplayName("every synthetic signature rule case gets the same verdict, and the cases reach every verdict")
    void syntheticRuleCases() {
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        int accepted = 0;
        for (Map.Entry<String, byte[]> entry : syntheticCases().entrySet()) {
            Reason verdict = agreed(Fixtures.verifierFor(AUTHORITY), entry.getValue(), entry.getKey());
            if (verdict == null) {
                accepted++;
            } else {
                seen.merge(verdict, 1, Integer::sum);
            }
        }
        assertEquals(2, accepted, "the genuine document and its n - s twin verify; nothing else: " + seen);
        for (Reason reason : List.of(
                Reason.BAD_SIGNATURE,
                Reason.UNTRUSTED_CHAIN,
                Reason.UNSUPPORTED_ALGORITHM,
                Reason.CERTIFICATE_NOT_VALID_AT_TIME)) {
            assertTrue(seen.containsKey(reason), reason + " never reached: " + seen);
        }
    }

    @Test
    @AttestationRule({"C5", "X3"})
    @DisplayName(
            "3,000 seeded mutants (anywhere, in the COSE signature, in the leaf certificate) get the same verdicts")
    void mutants() {
        Random random = new Random(14L);
        AttestationVerifier accp = Fixtures.verifierFor(AUTHORITY)
                .signatureBackend(SignatureBackend.ACCP)
                .build();
        AttestationVerifier bouncyCastle = Fixtures.verifierFor(AUTHORITY)
                .signatureBackend(SignatureBackend.BOUNCY_CASTLE)
                .build();
        byte[] base = null;
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        for (int i = 0; i < 3000; i++) {
            if (i % 500 == 0) {
                base = document().build();
            }
            byte[] mutant = base.clone();
            int region = i % 3;
            int from = 0;
            int length = mutant.length;
            if (region == 1) {
                from = mutant.length - 96;
                length = 96;
            } else if (region == 2) {
                byte[] currentLeaf = leafOf(base);
                from = indexOf(mutant, currentLeaf);
                length = currentLeaf.length;
            }
            int flips = 1 + random.nextInt(2);
            for (int f = 0; f < flips; f++) {
                mutant[from + random.nextInt(length)] ^= (byte) (1 + random.nextInt(255));
            }
            Reason expected = outcome(bouncyCastle, mutant);
            assertEquals(expected, outcome(accp, mutant), "mutant " + i);
            if (expected != null) {
                seen.merge(expected, 1, Integer::sum);
            }
        }
        assertTrue(seen.getOrDefault(Reason.BAD_SIGNATURE, 0) > 500, () -> "too few reach the COSE signature: " + seen);
        assertTrue(seen.containsKey(Reason.UNTRUSTED_CHAIN), () -> "none reach the leaf's signature: " + seen);
    }

    private static SyntheticNitro.DocumentBuilder document() {
        return AUTHORITY.document(Fixtures.AT);
    }

    private static byte[] replacedPayload() {
        SyntheticNitro.DocumentBuilder original = document();
        byte[] signed = original.build();
        byte[] other = document().userData(new byte[] {1, 2, 3}).payloadBytes();
        return document()
                .payload(other)
                .signature(rs -> Arrays.copyOfRange(signed, signed.length - 96, signed.length))
                .build();
    }

    private static byte[] leafOf(byte[] document) {
        try {
            CoseSign1 cose = CoseSign1.parse(document);
            return AttestationPayload.parse(cose.payload(), ProfileLimits.of(Profile.SUI)).certificate;
        } catch (VerificationException e) {
            throw new AssertionError(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("leaf certificate not found in the document");
    }

    private static byte[] withR(byte[] rs, BigInteger r) {
        return concat(fixed(r), Arrays.copyOfRange(rs, 48, 96));
    }

    private static byte[] withS(byte[] rs, BigInteger s) {
        return concat(Arrays.copyOf(rs, 48), fixed(s));
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[48];
        int length = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - length, out, 48 - length, length);
        return out;
    }

    private static byte[] filled(byte value) {
        byte[] out = new byte[96];
        Arrays.fill(out, value);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
