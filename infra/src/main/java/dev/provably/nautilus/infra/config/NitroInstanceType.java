package dev.provably.nautilus.infra.config;

/**
 * One row of the supported Nitro Enclaves instance table. Every row is an x86_64 type with two
 * hardware threads per core, so enclave vCPUs come in whole cores (pairs).
 */
public record NitroInstanceType(String name, int vcpus, int memoryMib) {

    public String family() {
        return name.substring(0, name.indexOf('.'));
    }

    public String size() {
        return name.substring(name.indexOf('.') + 1);
    }
}
