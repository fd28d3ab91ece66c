package dev.provably.nautilus.enclave.nsm;

/** The NSM responses this enclave understands (a subset of {@code nsm-api}'s {@code Response}). */
public sealed interface NsmResponse {

    /** {@code Response::Attestation { document }}: the COSE_Sign1 bytes (copied in and out). */
    record Attestation(byte[] document) implements NsmResponse {
        public Attestation {
            document = document.clone();
        }

        @Override
        public byte[] document() {
            return document.clone();
        }
    }

    /** {@code Response::GetRandom { random }}. */
    record GetRandom(byte[] random) implements NsmResponse {
        public GetRandom {
            random = random.clone();
        }

        @Override
        public byte[] random() {
            return random.clone();
        }
    }

    /** {@code Response::DescribePCR { lock, data }}. */
    record DescribePcr(boolean lock, byte[] data) implements NsmResponse {
        public DescribePcr {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** {@code Response::Error(ErrorCode)}. */
    record Error(NsmErrorCode code) implements NsmResponse {}
}
