package dev.provably.nautilus.issuer;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The JCA provider every class here signs and makes keys with. */
final class Crypto {
    /**
     * BouncyCastle: about four times faster than the JDK's SunEC for P-384 key generation and
     * signing, and it offers the plain r||s ECDSA form COSE needs. An instance (immutable once
     * built, thread-safe), never installed as a global provider.
     */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Crypto() {}

    /** A new EC key pair on {@code curve} (a JCA curve name such as secp384r1). */
    static KeyPair newKeyPair(String curve, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
        generator.initialize(new ECGenParameterSpec(curve), random);
        return generator.generateKeyPair();
    }
}
