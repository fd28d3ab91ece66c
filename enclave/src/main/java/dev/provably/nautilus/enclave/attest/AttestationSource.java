package dev.provably.nautilus.enclave.attest;

/**
 * Where attestation documents and entropy come from: the Nitro Secure Module inside an enclave,
 * or the local development CA everywhere else. Implementations are thread-safe.
 */
public interface AttestationSource extends AutoCloseable {

    /**
     * A fresh COSE_Sign1 attestation document binding the given fields; a null field is absent
     * (encoded as CBOR null, as the NSM does). The arrays are not retained.
     */
    byte[] attest(byte[] publicKey, byte[] userData, byte[] nonce) throws AttestationException;

    /** {@code length} bytes of entropy. */
    byte[] random(int length) throws AttestationException;

    /** {@code "nsm"} or {@code "local"}: reported by {@code /health}. */
    String mode();

    @Override
    default void close() {}
}
