package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.local.LocalKms;
import dev.provably.nautilus.enclave.local.RecipientPolicy;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code kms-local}: the local KMS stand-in on 127.0.0.1, its key in {@code --state-dir}, its key
 * policy the PCRs of {@code --release-jar} (the jar the enclave of this "release" runs), checked
 * against the development root in {@code --dev-root}.
 */
final class LocalKmsCommand {
    private static final Set<String> VALUED = Set.of("--port", "--state-dir", "--dev-root", "--release-jar");

    private LocalKmsCommand() {
    }

    static LocalKms start(List<String> args, PrintStream out) throws Exception {
        Options options = Options.parse(args, VALUED, Set.of());
        int port = (int) options.number("--port", 4000, 0, 65535);
        Path stateDir = Path.of(required(options, "--state-dir"));
        Path devRoot = Path.of(required(options, "--dev-root"));
        Path releaseJar = Path.of(required(options, "--release-jar"));
        RecipientPolicy policy = RecipientPolicy.ofArtifact(devRoot, releaseJar, Clock.systemUTC());
        LocalKms kms = LocalKms.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), stateDir, policy, out);
        Runtime.getRuntime().addShutdownHook(new Thread(kms::close, "kms-local-shutdown"));
        out.println("kms-local key policy: GenerateDataKey and Decrypt only with a Recipient attestation: "
                + policy.describe());
        out.println("kms-local serving on 127.0.0.1:" + kms.address().getPort() + " (key " + LocalKms.KEY_ID
                + " in " + stateDir + ")");
        out.flush();
        return kms;
    }

    private static String required(Options options, String name) throws UsageException {
        return options.value(name).orElseThrow(() -> new UsageException("kms-local needs " + name));
    }
}
