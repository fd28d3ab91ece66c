package dev.provably.nautilus.enclave.nsm;

/** The NSM requests this enclave makes (a subset of {@code nsm-api}'s {@code Request}). */
public sealed interface NsmRequest {

    /** {@code Request::Attestation}: each field optional (null means {@code None}). Arrays are copied. */
    record Attestation(byte[] userData, byte[] nonce, byte[] publicKey) implements NsmRequest {
        public Attestation {
            userData = userData == null ? null : userData.clone();
            nonce = nonce == null ? null : nonce.clone();
            publicKey = publicKey == null ? null : publicKey.clone();
        }

        @Override
        public byte[] userData() {
            return userData == null ? null : userData.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce == null ? null : nonce.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey == null ? null : publicKey.clone();
        }
    }

    /** {@code Request::GetRandom}: a unit variant. */
    record GetRandom() implements NsmRequest {}

    /** {@code Request::DescribePCR { index: u16 }}. */
    record DescribePcr(int index) implements NsmRequest {
        public DescribePcr {
            if (index < 0 || index > 0xffff) {
                throw new IllegalArgumentException("PCR index must be 0..65535, got " + index);
            }
        }
    }
}
