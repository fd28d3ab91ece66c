package dev.provably.nautilus.attestation;

import co.nstant.in.cbor.model.Array;
import co.nstant.in.cbor.model.ByteString;
import co.nstant.in.cbor.model.DataItem;
import co.nstant.in.cbor.model.Map;
import co.nstant.in.cbor.model.UnicodeString;
import co.nstant.in.cbor.model.UnsignedInteger;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * docs/attestation-rules.md F1–F10: the attestation document inside the COSE payload. A map with
 * text keys (definite or indefinite length, no duplicates); unknown keys are ignored; optional
 * fields set to CBOR null count as absent; mandatory ones must be present, non-null and of the
 * right type and size. Field values arrive untagged in every real document, so a tagged value is
 * rejected. Holds its own arrays; callers copy before handing any out.
 */
final class AttestationPayload {
    static final String DIGEST_SHA384 = "SHA384";
    private static final BigInteger MAX_TIMESTAMP = BigInteger.valueOf(Long.MAX_VALUE);

    final String moduleId;
    final String digest;
    final long timestampMillis;
    final SortedMap<Integer, byte[]> pcrs;
    final byte[] certificate;
    final List<byte[]> caBundle;
    final byte[] publicKey;
    final byte[] userData;
    final byte[] nonce;

    private AttestationPayload(
            String moduleId,
            String digest,
            long timestampMillis,
            SortedMap<Integer, byte[]> pcrs,
            byte[] certificate,
            List<byte[]> caBundle,
            byte[] publicKey,
            byte[] userData,
            byte[] nonce) {
        this.moduleId = moduleId;
        this.digest = digest;
        this.timestampMillis = timestampMillis;
        this.pcrs = Collections.unmodifiableSortedMap(pcrs);
        this.certificate = certificate;
        this.caBundle = List.copyOf(caBundle);
        this.publicKey = publicKey;
        this.userData = userData;
        this.nonce = nonce;
    }

    static AttestationPayload parse(byte[] payload, ProfileLimits limits) throws VerificationException {
        DataItem item = CborItems.decode(payload, "payload", Reason.FIELD_INVALID);
        if (!(item instanceof Map map) || item.hasTag()) {
            throw new VerificationException(Reason.MALFORMED, "payload must be a CBOR map");
        }
        for (DataItem key : map.getKeys()) {
            if (!(key instanceof UnicodeString) || key.hasTag()) {
                throw invalid("payload map keys must be text strings");
            }
        }
        String moduleId = text(mandatory(map, "module_id"), "module_id");
        if (moduleId.isEmpty()) {
            throw invalid("module_id must not be empty");
        }
        String digest = text(mandatory(map, "digest"), "digest");
        if (!DIGEST_SHA384.equals(digest)) {
            throw invalid("digest must be \"SHA384\", got \"" + digest + "\"");
        }
        long timestamp = timestamp(mandatory(map, "timestamp"));
        SortedMap<Integer, byte[]> pcrs = pcrs(map);
        byte[] certificate =
                bytes(mandatory(map, "certificate"), "certificate", 1, ProfileLimits.MAX_CERTIFICATE_BYTES);
        List<byte[]> caBundle = caBundle(mandatory(map, "cabundle"));
        byte[] publicKey = optionalBytes(map, "public_key", limits.minPublicKey(), limits.maxPublicKey(), limits);
        byte[] userData = optionalBytes(map, "user_data", 0, limits.maxUserData(), limits);
        byte[] nonce = optionalBytes(map, "nonce", 0, limits.maxNonce(), limits);
        return new AttestationPayload(
                moduleId, digest, timestamp, pcrs, certificate, caBundle, publicKey, userData, nonce);
    }

    private static DataItem mandatory(Map map, String field) throws VerificationException {
        DataItem value = map.get(new UnicodeString(field));
        if (value == null) {
            throw invalid(field + " is missing");
        }
        if (CborItems.isNull(value)) {
            throw invalid(field + " must not be null");
        }
        return value;
    }

    private static String text(DataItem value, String field) throws VerificationException {
        if (!(value instanceof UnicodeString text) || value.hasTag()) {
            throw invalid(field + " must be a text string");
        }
        return text.getString();
    }

    private static long timestamp(DataItem value) throws VerificationException {
        if (!(value instanceof UnsignedInteger number) || value.hasTag()) {
            throw invalid("timestamp must be an unsigned integer (milliseconds since the epoch)");
        }
        BigInteger millis = number.getValue();
        if (millis.signum() <= 0 || millis.compareTo(MAX_TIMESTAMP) > 0) {
            throw invalid("timestamp must be 1.." + Long.MAX_VALUE + " milliseconds, got " + millis);
        }
        return millis.longValue();
    }

    private static SortedMap<Integer, byte[]> pcrs(Map map) throws VerificationException {
        DataItem value = map.get(new UnicodeString("pcrs"));
        if (value == null) {
            throw invalid(
                    map.get(new UnicodeString("nitrotpm_pcrs")) != null
                            ? "pcrs is missing (this is a NitroTPM document, not an enclave document)"
                            : "pcrs is missing");
        }
        if (CborItems.isNull(value)) {
            throw invalid("pcrs must not be null");
        }
        if (!(value instanceof Map pcrMap) || value.hasTag()) {
            throw invalid("pcrs must be a map");
        }
        int count = pcrMap.getKeys().size();
        if (count < 1 || count > ProfileLimits.MAX_PCRS) {
            throw invalid("pcrs must hold 1.." + ProfileLimits.MAX_PCRS + " entries, got " + count);
        }
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        for (DataItem key : pcrMap.getKeys()) {
            if (!(key instanceof UnsignedInteger index)
                    || key.hasTag()
                    || index.getValue().bitLength() > 31
                    || !ExpectedPcrs.isValidIndex(index.getValue().longValue())) {
                throw invalid("pcrs keys must be unsigned integers below " + ProfileLimits.MAX_PCRS);
            }
            int i = index.getValue().intValueExact();
            DataItem pcr = pcrMap.get(key);
            if (!(pcr instanceof ByteString bytes) || pcr.hasTag()) {
                throw invalid("PCR" + i + " must be a byte string");
            }
            int length = bytes.getBytes().length;
            if (!ExpectedPcrs.isValidLength(length)) {
                throw invalid("PCR" + i + " must be 32, 48 or 64 bytes, got " + length);
            }
            pcrs.put(i, bytes.getBytes());
        }
        return pcrs;
    }

    private static List<byte[]> caBundle(DataItem value) throws VerificationException {
        if (!(value instanceof Array array) || value.hasTag()) {
            throw invalid("cabundle must be an array");
        }
        List<DataItem> entries = CborItems.elements(array);
        if (entries.isEmpty() || entries.size() > ProfileLimits.MAX_CABUNDLE_ENTRIES) {
            throw invalid("cabundle must hold 1.." + ProfileLimits.MAX_CABUNDLE_ENTRIES + " certificates, got "
                    + entries.size());
        }
        List<byte[]> ders = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            ders.add(bytes(entries.get(i), "cabundle[" + i + "]", 1, ProfileLimits.MAX_CERTIFICATE_BYTES));
        }
        return ders;
    }

    private static byte[] optionalBytes(Map map, String field, int min, int max, ProfileLimits limits)
            throws VerificationException {
        DataItem value = map.get(new UnicodeString(field));
        if (value == null || CborItems.isNull(value)) {
            return null;
        }
        if (!(value instanceof ByteString bytes) || value.hasTag()) {
            throw invalid(field + " must be a byte string or null");
        }
        int length = bytes.getBytes().length;
        if (length < min || length > max) {
            throw invalid(field + " must be " + min + ".." + max + " bytes under profile " + limits.profile() + ", got "
                    + length);
        }
        return bytes.getBytes();
    }

    private static byte[] bytes(DataItem value, String field, int min, int max) throws VerificationException {
        if (!(value instanceof ByteString bytes) || value.hasTag()) {
            throw invalid(field + " must be a byte string");
        }
        int length = bytes.getBytes().length;
        if (length < min || length > max) {
            throw invalid(field + " must be " + min + ".." + max + " bytes, got " + length);
        }
        return bytes.getBytes();
    }

    private static VerificationException invalid(String message) {
        return new VerificationException(Reason.FIELD_INVALID, message);
    }

    /** Debug-mode enclaves report PCR0 as all zero bytes (docs/attestation-rules.md P1). */
    boolean debug() {
        byte[] pcr0 = pcrs.get(0);
        if (pcr0 == null) {
            return false;
        }
        int any = 0;
        for (byte b : pcr0) {
            any |= b;
        }
        return any == 0;
    }
}
