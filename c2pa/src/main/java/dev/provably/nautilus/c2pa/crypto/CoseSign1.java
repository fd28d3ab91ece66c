package dev.provably.nautilus.c2pa.crypto;

import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Tag;
import dev.provably.nautilus.c2pa.manifest.Cbor;
import dev.provably.nautilus.c2pa.manifest.ManifestException;
import dev.provably.nautilus.cbor.CborFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A C2PA claim signature: a COSE_Sign1 (RFC 9052) with a detached payload (the claim).
 *
 * @param protectedBytes the protected header exactly as serialized (it is signed)
 * @param protectedHeader the decoded protected header map
 * @param unprotectedHeader the unprotected header map
 * @param signature the signature bytes
 * @param algorithm the COSE algorithm from the protected header
 * @param x5chain the DER certificates, signer first (protected header, else unprotected)
 */
public record CoseSign1(
        byte[] protectedBytes,
        DataItem protectedHeader,
        DataItem unprotectedHeader,
        byte[] signature,
        CoseAlgorithm algorithm,
        List<byte[]> x5chain) {
    /** Longest certificate chain accepted; a longer one is a malformed credential, not work to do. */
    public static final int MAX_CHAIN = 10;

    /** Parses the signature box's CBOR; failures carry {@code claimSignature.missing} or {@code algorithm.unsupported}. */
    public static CoseSign1 parse(byte[] cbor) throws ManifestException {
        DataItem item;
        try {
            item = Cbor.decode(cbor);
        } catch (CborFormatException e) {
            throw new ManifestException("claimSignature.missing", "claim signature " + e.getMessage());
        }
        Tag tag = item.getTag();
        if (tag != null && tag.getValue() != 18) {
            throw new ManifestException("claimSignature.missing", "claim signature has tag " + tag.getValue());
        }
        List<DataItem> parts = Cbor.array(item);
        if (!Cbor.isArray(item) || parts.size() != 4) {
            throw new ManifestException("claimSignature.missing", "claim signature is not a COSE_Sign1 array");
        }
        byte[] protectedBytes = Cbor.bytes(parts.get(0))
                .orElseThrow(
                        () -> new ManifestException("claimSignature.missing", "protected header is not a byte string"));
        byte[] signature = Cbor.bytes(parts.get(3))
                .orElseThrow(() -> new ManifestException("claimSignature.missing", "signature is not a byte string"));
        DataItem protectedHeader;
        try {
            protectedHeader = Cbor.decode(protectedBytes);
        } catch (CborFormatException e) {
            throw new ManifestException("claimSignature.missing", "protected header " + e.getMessage());
        }
        DataItem unprotected = parts.get(1);
        long alg = Cbor.get(protectedHeader, 1)
                .flatMap(Cbor::integer)
                .orElseThrow(
                        () -> new ManifestException("algorithm.unsupported", "no algorithm in the protected header"))
                .longValue();
        CoseAlgorithm algorithm = CoseAlgorithm.fromCose(alg)
                .orElseThrow(() -> new ManifestException("algorithm.unsupported", "COSE algorithm " + alg));
        Optional<DataItem> chain = Cbor.get(protectedHeader, 33)
                .or(() -> Cbor.get(unprotected, 33))
                .or(() -> Cbor.get(unprotected, "x5chain"));
        List<byte[]> certs = new ArrayList<>();
        if (chain.isPresent()) {
            if (Cbor.isArray(chain.get())) {
                for (DataItem c : Cbor.array(chain.get())) {
                    certs.add(Cbor.bytes(c)
                            .orElseThrow(() -> new ManifestException(
                                    "signingCredential.invalid", "x5chain holds a non-byte-string")));
                }
            } else {
                certs.add(Cbor.bytes(chain.get())
                        .orElseThrow(() ->
                                new ManifestException("signingCredential.invalid", "x5chain is not a byte string")));
            }
        }
        if (certs.isEmpty()) {
            throw new ManifestException("signingCredential.invalid", "no x5chain certificate");
        }
        if (certs.size() > MAX_CHAIN) {
            throw new ManifestException(
                    "signingCredential.invalid",
                    "x5chain holds " + certs.size() + " certificates; the limit is " + MAX_CHAIN);
        }
        return new CoseSign1(protectedBytes, protectedHeader, unprotected, signature, algorithm, certs);
    }

    /** RFC 9052 Sig_structure for COSE_Sign1 with an empty external AAD and a detached payload. */
    public byte[] toBeSigned(byte[] payload) {
        return sigStructure("Signature1", protectedBytes, payload);
    }

    /** The ToBeSigned of a v1-style countersignature over {@code payload}, which C2PA time stamps. */
    public byte[] countersignToBeSigned(byte[] payload) {
        return sigStructure("CounterSignature", protectedBytes, payload);
    }

    private static byte[] sigStructure(String context, byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + protectedBytes.length + 32);
        out.write(0x84);
        byte[] ctx = context.getBytes(StandardCharsets.US_ASCII);
        head(out, 3, ctx.length);
        out.writeBytes(ctx);
        byteString(out, protectedBytes);
        byteString(out, new byte[0]);
        byteString(out, payload);
        return out.toByteArray();
    }

    /** Definite-length CBOR byte string. */
    static byte[] byteString(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 9);
        byteString(out, b);
        return out.toByteArray();
    }

    private static void byteString(ByteArrayOutputStream out, byte[] b) {
        head(out, 2, b.length);
        out.writeBytes(b);
    }

    private static void head(ByteArrayOutputStream out, int major, long len) {
        int m = major << 5;
        if (len < 24) {
            out.write(m | (int) len);
        } else if (len < 0x100) {
            out.write(m | 24);
            out.write((int) len);
        } else if (len < 0x10000) {
            out.write(m | 25);
            out.write((int) (len >>> 8));
            out.write((int) len);
        } else {
            out.write(m | 26);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (len >>> s));
            }
        }
    }
}
