package dev.provably.nautilus.attestation;

import static dev.provably.nautilus.attestation.CborBytes.array;
import static dev.provably.nautilus.attestation.CborBytes.bytes;
import static dev.provably.nautilus.attestation.CborBytes.concat;
import static dev.provably.nautilus.attestation.CborBytes.map;
import static dev.provably.nautilus.attestation.CborBytes.text;
import static dev.provably.nautilus.attestation.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import COSE.CoseException;
import COSE.MessageTag;
import COSE.OneKey;
import COSE.Sign1Message;
import dev.provably.nautilus.issuer.NitroDocument;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/attestation-rules.md C5: ES384 over the Sig_structure, cross-checked with cose-java on the real documents. */
class CoseSignatureTest {

    static java.util.stream.Stream<Vectors> genuine() {
        return Vectors.GENUINE.stream();
    }

    private static P384.PublicKey leafKey(CoseSign1 cose) throws VerificationException {
        byte[] certificate = AttestationPayload.parse(cose.payload(), ProfileLimits.of(Profile.NSM)).certificate;
        return ChainCertificate.parse(certificate, "leaf certificate").publicKey();
    }

    private static PublicKey jdkLeafKey(CoseSign1 cose) throws VerificationException {
        byte[] certificate = AttestationPayload.parse(cose.payload(), ProfileLimits.of(Profile.NSM)).certificate;
        return ChainCertificate.parse(certificate, "leaf certificate")
                .certificate()
                .getPublicKey();
    }

    private static boolean coseJavaAccepts(byte[] document, PublicKey key) throws CoseException {
        Sign1Message message = (Sign1Message) Sign1Message.DecodeFromBytes(document, MessageTag.Sign1);
        return message.validate(new OneKey(key, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule("C5")
    @DisplayName("on every genuine document this verifier and cose-java both accept the signature")
    void agreesWithCoseJava(Vectors vector) throws Exception {
        CoseSign1 cose = CoseSign1.parse(vector.bytes());
        CoseSignature.verify(cose, leafKey(cose), BouncyCastleP384.INSTANCE);
        assertTrue(coseJavaAccepts(vector.bytes(), jdkLeafKey(cose)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @AttestationRule("C5")
    @DisplayName("with one payload bit flipped both reject it")
    void tamperedPayloadBothReject(Vectors vector) throws Exception {
        CoseSign1 cose = CoseSign1.parse(vector.bytes());
        byte[] payload = cose.payload().clone();
        payload[payload.length / 2] ^= 0x04;
        byte[] tampered = array(bytes(cose.protectedHeader()), map(), bytes(payload), bytes(cose.signature()));
        CoseSign1 parsed = CoseSign1.parse(tampered);
        assertRejected(
                Reason.BAD_SIGNATURE, () -> CoseSignature.verify(parsed, leafKey(cose), BouncyCastleP384.INSTANCE));
        assertFalse(coseJavaAccepts(tampered, jdkLeafKey(cose)));
    }

    @Test
    @AttestationRule("C5")
    @DisplayName("a genuine payload re-signed with an attacker's P-384 key is BAD_SIGNATURE")
    void reSignedByAttacker() throws Exception {
        byte[] weather = Vectors.read(Vectors.WEATHER);
        CoseSign1 cose = CoseSign1.parse(weather);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        PrivateKey attacker = generator.generateKeyPair().getPrivate();
        byte[] toBeSigned =
                array(text("Signature1"), bytes(cose.protectedHeader()), bytes(new byte[0]), bytes(cose.payload()));
        byte[] forged = array(
                bytes(cose.protectedHeader()),
                map(),
                bytes(cose.payload()),
                bytes(NitroDocument.es384Signature(attacker, toBeSigned)));
        AttestationVerifier verifier = AttestationVerifier.builder()
                .anyEnclaveImage()
                .clock(Vectors.at(Vectors.WEATHER_TIMESTAMP))
                .build();
        verifier.verify(weather);
        assertRejected(Reason.BAD_SIGNATURE, () -> verifier.verify(forged));
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {1, 23, 24, 255, 256, 16383})
    @AttestationRule("C5")
    @DisplayName("the streamed Sig_structure digest equals SHA-384 of the independently encoded structure")
    void sigStructure(int length) throws Exception {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 0x5a);
        byte[] header = CoseSign1.ES384_PROTECTED_HEADER;
        byte[] encoded = array(text("Signature1"), bytes(header), bytes(new byte[0]), bytes(payload));
        assertArrayEquals(
                MessageDigest.getInstance("SHA-384").digest(encoded),
                CoseSignature.sigStructureDigest(P384.sha384(), header, payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.provably.nautilus.attestation.Backends#available")
    @AttestationRule("C5")
    @DisplayName("r or s of zero, or equal to the group order, is BAD_SIGNATURE under every backend")
    void outOfRangeScalars(P384Backend backend) throws VerificationException {
        CoseSign1 cose = CoseSign1.parse(Vectors.read(Vectors.WEATHER));
        P384.PublicKey key = leafKey(cose);
        byte[] order = fixed(SECNamedCurves.getByName("secp384r1").getN());
        byte[] r = Arrays.copyOfRange(cose.signature(), 0, 48);
        byte[] s = Arrays.copyOfRange(cose.signature(), 48, 96);
        for (byte[] signature : new byte[][] {
            concat(new byte[48], s), concat(r, new byte[48]), concat(order, s), concat(r, order), new byte[96]
        }) {
            CoseSign1 changed = new CoseSign1(cose.protectedHeader(), cose.payload(), signature);
            assertRejected(Reason.BAD_SIGNATURE, () -> CoseSignature.verify(changed, key, backend));
        }
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        return Arrays.copyOfRange(raw, raw.length - 48, raw.length);
    }
}
