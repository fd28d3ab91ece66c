package dev.provably.nautilus.enclave.nsm;

/** Carries one encoded request to the NSM and returns its encoded response. */
public interface NsmTransport extends AutoCloseable {

    byte[] exchange(byte[] request) throws NsmException;

    @Override
    default void close() {}
}
