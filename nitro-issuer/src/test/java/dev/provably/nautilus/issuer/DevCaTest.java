package dev.provably.nautilus.issuer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCaTest {
    private static final String ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";

    @TempDir
    Path state;

    /** keyUsage bits as X509Certificate reports them. */
    private static boolean[] usage(
            boolean digitalSignature, boolean nonRepudiation, boolean keyCertSign, boolean crlSign) {
        boolean[] bits = new boolean[9];
        bits[0] = digitalSignature;
        bits[1] = nonRepudiation;
        bits[5] = keyCertSign;
        bits[6] = crlSign;
        return bits;
    }

    private static void assertProfile(
            X509Certificate certificate, int pathLength, boolean[] keyUsage, boolean keyUsageCritical) {
        assertEquals(ECDSA_WITH_SHA384, certificate.getSigAlgOID());
        assertEquals(
                384,
                ((ECPublicKey) certificate.getPublicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize());
        assertTrue(certificate.getCriticalExtensionOIDs().contains(BASIC_CONSTRAINTS), "basicConstraints critical");
        assertEquals(pathLength, certificate.getBasicConstraints());
        assertArrayEquals(keyUsage, java.util.Arrays.copyOf(certificate.getKeyUsage(), 9));
        assertEquals(keyUsageCritical, certificate.getCriticalExtensionOIDs().contains(KEY_USAGE));
    }

    @Test
    @DisplayName("the chain has the AWS profile: root, regional pathLen 2, zonal 1, instance 0, ~3 h leaf")
    void chainHasTheAwsProfile() throws Exception {
        DevCa ca = DevCa.loadOrCreate(state, Clock.systemUTC());
        DevCa.IssuedLeaf leaf = ca.issueLeaf("test-module.local");
        List<X509Certificate> bundle = leaf.caBundle();
        assertEquals(4, bundle.size());
        // X509Certificate.getBasicConstraints(): Integer.MAX_VALUE = CA without pathLen, -1 = not a CA.
        assertProfile(bundle.get(0), Integer.MAX_VALUE, usage(true, false, true, true), true);
        assertProfile(bundle.get(1), 2, usage(true, false, true, true), true);
        assertProfile(bundle.get(2), 1, usage(true, false, true, true), true);
        assertProfile(bundle.get(3), 0, usage(false, false, true, false), true);
        assertProfile(leaf.certificate(), -1, usage(true, true, false, false), false);
        assertEquals(bundle.get(0).getSubjectX500Principal(), bundle.get(0).getIssuerX500Principal());
        Duration leafLifetime = Duration.between(
                leaf.certificate().getNotBefore().toInstant(),
                leaf.certificate().getNotAfter().toInstant());
        assertEquals(Duration.ofHours(3), leafLifetime);
        for (X509Certificate certificate : bundle) {
            assertTrue(certificate.getEncoded().length <= 1024, "each cabundle entry at most 1024 bytes");
        }
        assertTrue(leaf.certificate().getEncoded().length <= 1024);
        assertTrue(ca.rootPem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    }

    @Test
    @DisplayName("JDK PKIX accepts leaf -> instance -> zonal -> regional anchored on the root")
    void chainValidatesWithPkix() throws Exception {
        DevCa ca = DevCa.loadOrCreate(state, Clock.systemUTC());
        DevCa.IssuedLeaf leaf = ca.issueLeaf("pkix.local");
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf.certificate());
        for (int i = leaf.caBundle().size() - 1; i >= 1; i--) {
            path.add(leaf.caBundle().get(i));
        }
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(new Date());
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    @Test
    @DisplayName("the cached CA is reused across restarts, with owner-only files")
    void cachedCaIsReused() throws Exception {
        DevCa first = DevCa.loadOrCreate(state, Clock.systemUTC());
        DevCa second = DevCa.loadOrCreate(state, Clock.systemUTC());
        assertEquals(first.root(), second.root());
        assertEquals(first.caBundle(), second.caBundle());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(".lock"))));
        for (String name : List.of("root", "regional", "zonal", "instance")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(name + ".key"))),
                    name);
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(name + ".pem"))),
                    name);
        }
    }

    @Test
    @DisplayName("intermediates that would expire before a new leaf are re-issued under the same root")
    void expiringIntermediatesAreRenewed() throws Exception {
        DevCa first = DevCa.loadOrCreate(state, Clock.systemUTC());
        // 23 h later the 24 h instance CA cannot cover a 3 h leaf; regional and zonal still can.
        DevCa later = DevCa.loadOrCreate(state, Clock.offset(Clock.systemUTC(), Duration.ofHours(23)));
        assertEquals(first.root(), later.root());
        assertEquals(first.caBundle().get(1), later.caBundle().get(1));
        assertEquals(first.caBundle().get(2), later.caBundle().get(2));
        assertNotEquals(first.caBundle().get(3), later.caBundle().get(3));
        // 21 days later everything below the root is new.
        DevCa much = DevCa.loadOrCreate(state, Clock.offset(Clock.systemUTC(), Duration.ofDays(21)));
        assertEquals(first.root(), much.root());
        assertNotEquals(first.caBundle().get(1), much.caBundle().get(1));
        much.caBundle().get(1).verify(first.root().getPublicKey());
    }

    @Test
    @DisplayName("a running CA renews its intermediates when its clock passes their window")
    void runningCaRenews() throws Exception {
        MutableClock clock = new MutableClock();
        DevCa ca = DevCa.loadOrCreate(state, clock);
        X509Certificate instance = ca.caBundle().get(3);
        clock.advance(Duration.ofHours(22));
        DevCa.IssuedLeaf leaf = ca.issueLeaf("late.local");
        assertNotEquals(instance, leaf.caBundle().get(3));
        leaf.certificate().verify(leaf.caBundle().get(3).getPublicKey());
        leaf.certificate().checkValidity(Date.from(clock.instant()));
    }

    @Test
    @DisplayName("a damaged intermediate is re-issued; a half-present root is an error, never silently replaced")
    void damagedFiles() throws Exception {
        DevCa first = DevCa.loadOrCreate(state, Clock.systemUTC());
        Files.writeString(state.resolve("zonal.pem"), "garbage");
        DevCa repaired = DevCa.loadOrCreate(state, Clock.systemUTC());
        assertEquals(first.root(), repaired.root());
        assertEquals(first.caBundle().get(1), repaired.caBundle().get(1));
        assertNotEquals(first.caBundle().get(2), repaired.caBundle().get(2));

        Files.delete(state.resolve("root.key"));
        GeneralSecurityException e =
                assertThrows(GeneralSecurityException.class, () -> DevCa.loadOrCreate(state, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("root.key"), e.getMessage());
        assertFalse(Files.exists(state.resolve("root.key")));
    }

    @Test
    @DisplayName("an in-memory CA has the same profile, writes no files and renews its intermediates in memory")
    void inMemoryCa() throws Exception {
        MutableClock clock = new MutableClock();
        DevCa ca = DevCa.inMemory(clock);
        DevCa.IssuedLeaf leaf = ca.issueLeaf("memory.local");
        assertProfile(leaf.caBundle().get(1), 2, usage(true, false, true, true), true);
        assertProfile(leaf.certificate(), -1, usage(true, true, false, false), false);
        X509Certificate instance = ca.caBundle().get(3);
        clock.advance(Duration.ofHours(22));
        DevCa.IssuedLeaf late = ca.issueLeaf("late.local");
        assertEquals(ca.root(), late.caBundle().get(0));
        assertEquals(leaf.caBundle().get(1), late.caBundle().get(1));
        assertNotEquals(instance, late.caBundle().get(3));
        late.caBundle().get(3).verify(late.caBundle().get(2).getPublicKey());
        late.certificate().verify(late.caBundle().get(3).getPublicKey());
        late.certificate().checkValidity(Date.from(clock.instant()));
        try (var files = Files.list(state)) {
            assertEquals(0, files.count());
        }
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private volatile java.time.Instant now = java.time.Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
