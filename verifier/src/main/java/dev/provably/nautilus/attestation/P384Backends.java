package dev.provably.nautilus.attestation;

/**
 * Which backend verifies with which kind of key: a document's leaf key is fresh (used once), a CA
 * key above it is reused across documents (kept in the {@link ChainCache}).
 *
 * @param leafKeys verifies the COSE signature under each document's own leaf key
 * @param caKeys verifies certificate signatures under the (reused) keys of CA certificates
 */
record P384Backends(P384Backend leafKeys, P384Backend caKeys) {
    /** System property naming a {@link SignatureBackend} to force (e.g. to compare, or to rule ACCP out). */
    static final String PROPERTY = "nautilus.signatureBackend";

    /**
     * The backend forced by the system property {@value #PROPERTY} if set, else {@link #fastest()}.
     *
     * @throws IllegalArgumentException if the property names no backend
     * @throws IllegalStateException if it names ACCP and ACCP is unavailable
     */
    static P384Backends configured() {
        String forced = System.getProperty(PROPERTY);
        if (forced == null || forced.isEmpty()) {
            return fastest();
        }
        try {
            return only(SignatureBackend.valueOf(forced));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be ACCP or BOUNCY_CASTLE, not " + forced, e);
        }
    }

    /**
     * The fastest choice available, as measured on one core (bench/README.md): ACCP for both kinds
     * of key when it loads, else BouncyCastle.
     */
    static P384Backends fastest() {
        return AccpP384.load().map(P384Backends::all).orElse(all(BouncyCastleP384.INSTANCE));
    }

    /**
     * Everything on {@code backend}.
     *
     * @throws IllegalStateException for ACCP when it is not on the class path or does not load here
     */
    static P384Backends only(SignatureBackend backend) {
        return switch (backend) {
            case BOUNCY_CASTLE -> all(BouncyCastleP384.INSTANCE);
            case ACCP ->
                all(AccpP384.load()
                        .orElseThrow(() -> new IllegalStateException(
                                "ACCP (software.amazon.cryptools:AmazonCorrettoCryptoProvider) is not on the class path or"
                                        + " did not load on this platform")));
        };
    }

    private static P384Backends all(P384Backend backend) {
        return new P384Backends(backend, backend);
    }

    /** The backend named in results: the one that verified the document's own signature. */
    SignatureBackend reported() {
        return leafKeys.id();
    }
}
