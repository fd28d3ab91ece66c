package dev.provably.nautilus.enclave.local;

import dev.provably.nautilus.enclave.attest.AttestationException;
import dev.provably.nautilus.enclave.attest.AttestationSource;
import dev.provably.nautilus.issuer.DevCa;
import dev.provably.nautilus.issuer.NitroDocument;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Attestation documents in the exact Nitro format, issued by the local development CA of the
 * nitro-issuer module: a fresh P-384 leaf per document, {@code cabundle = [root, regional, zonal, instance]}, PCRs from
 * {@link LocalMeasurements}. Never trusted by a verifier unless its root is passed explicitly.
 */
public final class LocalAttestationSource implements AttestationSource {
    /** What the NSM accepts per field; larger requests fail the way the device fails them. */
    static final int MAX_FIELD_LENGTH = 1024;

    private final DevCa ca;
    private final LocalMeasurements measurements;
    private final Clock clock;
    private final String moduleId;
    private final SecureRandom random = new SecureRandom();

    public LocalAttestationSource(DevCa ca, LocalMeasurements measurements, Clock clock) {
        this.ca = ca;
        this.measurements = measurements;
        this.clock = clock;
        byte[] id = new byte[8];
        random.nextBytes(id);
        // Shaped like an NSM module id (instance id, "-enc", enclave id); "local" marks it.
        this.moduleId = "i-local" + HexFormat.of().formatHex(id, 0, 5) + "-enc"
                + HexFormat.of().formatHex(id);
    }

    public String moduleId() {
        return moduleId;
    }

    public LocalMeasurements measurements() {
        return measurements;
    }

    @Override
    public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws AttestationException {
        requireFieldLength("public_key", publicKey);
        requireFieldLength("user_data", userData);
        requireFieldLength("nonce", nonce);
        try {
            return ca.issueDocument(new NitroDocument.Claims(
                    moduleId, clock.millis(), measurements.pcrs(), copy(publicKey), copy(userData), copy(nonce)));
        } catch (GeneralSecurityException | IOException e) {
            throw new AttestationException("local development CA could not issue a document", e);
        }
    }

    @Override
    public byte[] random(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String mode() {
        return "local";
    }

    private static void requireFieldLength(String name, byte[] value) throws AttestationException {
        if (value != null && value.length > MAX_FIELD_LENGTH) {
            throw new AttestationException(
                    name + " must be at most " + MAX_FIELD_LENGTH + " bytes, got " + value.length);
        }
    }

    private static byte[] copy(byte[] value) {
        return value == null ? null : value.clone();
    }
}
