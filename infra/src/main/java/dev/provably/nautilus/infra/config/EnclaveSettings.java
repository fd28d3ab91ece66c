package dev.provably.nautilus.infra.config;

import java.util.Optional;

/** What runs inside the enclave, how big it is, and which measurements it must have. */
public record EnclaveSettings(
        int cpuCount,
        int memoryMib,
        long cid,
        String artifactBucket,
        EnclaveSource source,
        String hostJarKey,
        Optional<String> hostJarSha256,
        ExpectedPcrs expectedPcrs,
        boolean debugMode) {

    /** The vsock port the enclave server listens on (fixed by the enclave image). */
    public static final int ENCLAVE_VSOCK_PORT = 5000;
}
