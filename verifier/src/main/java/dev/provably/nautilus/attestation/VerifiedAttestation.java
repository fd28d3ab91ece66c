package dev.provably.nautilus.attestation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A document that passed every check. Only {@link AttestationVerifier} creates one. Immutable:
 * every byte array handed out is a fresh copy.
 */
public final class VerifiedAttestation {
    private final AttestationPayload payload;
    private final X509Certificate certificate;
    private final List<X509Certificate> caBundle;
    private final Profile profile;
    private final byte[] document;
    private final SignatureBackend signatureBackend;

    VerifiedAttestation(
            AttestationPayload payload,
            X509Certificate certificate,
            List<X509Certificate> caBundle,
            Profile profile,
            byte[] document,
            SignatureBackend signatureBackend) {
        this.payload = payload;
        this.certificate = certificate;
        this.caBundle = List.copyOf(caBundle);
        this.profile = profile;
        this.document = document.clone();
        this.signatureBackend = signatureBackend;
    }

    public String moduleId() {
        return payload.moduleId;
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(payload.timestampMillis);
    }

    public long timestampMillis() {
        return payload.timestampMillis;
    }

    /** Always "SHA384": nothing else passes verification. */
    public String digest() {
        return payload.digest;
    }

    /** Every PCR in the document by index, as copies. */
    public SortedMap<Integer, byte[]> pcrs() {
        SortedMap<Integer, byte[]> copy = new TreeMap<>();
        for (Map.Entry<Integer, byte[]> pcr : payload.pcrs.entrySet()) {
            copy.put(pcr.getKey(), pcr.getValue().clone());
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    public Optional<byte[]> pcr(int index) {
        return Optional.ofNullable(payload.pcrs.get(index)).map(byte[]::clone);
    }

    /** Empty when the field is absent or CBOR null. */
    public Optional<byte[]> publicKey() {
        return copyOf(payload.publicKey);
    }

    public Optional<byte[]> userData() {
        return copyOf(payload.userData);
    }

    public Optional<byte[]> nonce() {
        return copyOf(payload.nonce);
    }

    /** The leaf certificate whose key signed the document. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The bundle as in the document, root (the trust anchor) first. */
    public List<X509Certificate> caBundle() {
        return caBundle;
    }

    /** PCR0 is all zero: the enclave runs in debug mode. */
    public boolean debug() {
        return payload.debug();
    }

    public Profile profile() {
        return profile;
    }

    /** The exact bytes that were verified. */
    public byte[] document() {
        return document.clone();
    }

    /**
     * Which implementation checked the document's signature. For logs only: both backends reach
     * the same verdicts, so no decision should depend on it.
     */
    public SignatureBackend signatureBackend() {
        return signatureBackend;
    }

    private static Optional<byte[]> copyOf(byte[] value) {
        return Optional.ofNullable(value).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "VerifiedAttestation[moduleId=" + payload.moduleId + ", timestamp=" + timestamp() + ", profile="
                + profile + ", debug=" + debug() + "]";
    }
}
