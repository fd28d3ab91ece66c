package dev.provably.nautilus.attestation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The P-384 backends to test: BouncyCastle always, ACCP wherever it loads. */
final class Backends {
    private Backends() {}

    static List<P384Backend> available() {
        List<P384Backend> backends = new ArrayList<>(List.of(BouncyCastleP384.INSTANCE));
        AccpP384.load().ifPresent(backends::add);
        return backends;
    }

    /** ACCP's test dependency carries the linux-x86_64 native library: there it must load. */
    static boolean accpExpected() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch", ""));
    }
}
