package dev.provably.nautilus.enclave;

import dev.provably.nautilus.cli.Converters;
import dev.provably.nautilus.enclave.local.LocalKms;
import dev.provably.nautilus.enclave.local.RecipientPolicy;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kms-local}: the local KMS stand-in on 127.0.0.1, its key in {@code --state-dir}, its key
 * policy the PCRs of {@code --release-jar} (the jar the enclave of this "release" runs), checked
 * against the development root in {@code --dev-root}.
 */
@Command(
        name = "kms-local",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "the local KMS stand-in on 127.0.0.1, its key policy the PCRs of a release jar")
final class LocalKmsCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            required = true,
            converter = Converters.NonEmptyPath.class,
            description = "where the stand-in keeps its key")
    Path stateDir;

    @Option(
            names = "--dev-root",
            paramLabel = "PEM",
            required = true,
            converter = Converters.NonEmptyPath.class,
            description = "the development root the recipient attestations must chain to")
    Path devRoot;

    @Option(
            names = "--release-jar",
            paramLabel = "JAR",
            required = true,
            converter = Converters.NonEmptyPath.class,
            description = "the jar the enclave of this release runs: its PCRs are the key policy")
    Path releaseJar;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "listen on 127.0.0.1:PORT (default: 4000; 0 picks one)")
    Long port;

    LocalKmsCommand(PrintStream out) {
        this.out = out;
    }

    /** Starts the stand-in and leaves it running (stopped by the JVM's shutdown). */
    @Override
    public Integer call() throws Exception {
        int port = (int) CommandValues.inRange("--port", this.port, 4000, 0, 65535);
        RecipientPolicy policy = RecipientPolicy.ofArtifact(devRoot, releaseJar, Clock.systemUTC());
        LocalKms kms =
                LocalKms.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), stateDir, policy, out);
        Runtime.getRuntime().addShutdownHook(new Thread(kms::close, "kms-local-shutdown"));
        out.println("kms-local key policy: GenerateDataKey and Decrypt only with a Recipient attestation: "
                + policy.describe());
        out.println("kms-local serving on 127.0.0.1:" + kms.address().getPort() + " (key " + LocalKms.KEY_ID + " in "
                + stateDir + ")");
        out.flush();
        return 0;
    }
}
