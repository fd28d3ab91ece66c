package dev.provably.nautilus.enclave.nsm;

import dev.provably.nautilus.enclave.attest.AttestationSource;
import java.nio.file.Path;

/** Attestation documents and entropy from the Nitro Secure Module. */
public final class NsmAttestationSource implements AttestationSource {
    public static final Path DEFAULT_DEVICE = Path.of("/dev/nsm");

    private final NsmTransport transport;
    private final NsmClient client;

    public NsmAttestationSource(NsmTransport transport) {
        this.transport = transport;
        this.client = new NsmClient(transport);
    }

    public static NsmAttestationSource open(Path device) throws NsmException {
        return new NsmAttestationSource(NsmDevice.open(device));
    }

    @Override
    public byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws NsmException {
        return client.attestation(userData, nonce, publicKey);
    }

    @Override
    public byte[] random(int length) throws NsmException {
        return client.random(length);
    }

    /** The current value of a PCR (to log the measurements at start). */
    public byte[] pcr(int index) throws NsmException {
        return client.describePcr(index).data();
    }

    @Override
    public String mode() {
        return "nsm";
    }

    @Override
    public void close() {
        transport.close();
    }
}
