package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.host.EnclaveProbe;
import dev.provably.nautilus.enclave.host.EnclaveSupportServer;
import dev.provably.nautilus.enclave.host.HostHealthServer;
import dev.provably.nautilus.enclave.host.LocalEnclaveProbe;
import dev.provably.nautilus.enclave.host.NitroCliProbe;
import dev.provably.nautilus.enclave.identity.FileIdentityStore;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;

/**
 * {@code host}: the parent-side health server. It listens on all interfaces (monitoring reaches it
 * from outside the instance; the security group decides who may) and reports the enclave from
 * {@code nitro-cli describe-enclaves}, or in {@code --local} mode from the local enclave's /health.
 * {@code --describe-command} is split on whitespace and run without a shell. {@code --bind} (an IP
 * literal) narrows the listening address, e.g. to loopback for a local run. {@code --support-port}
 * adds the enclave support endpoint on loopback (see {@code SupportSetup}).
 */
final class HostCommand {
    private static final Set<String> VALUED =
            Set.of("--port", "--bind", "--enclave-url", "--describe-command", "--expect-cpus", "--expect-memory-mib",
                    "--support-port", "--identity-dir", "--imds-endpoint");

    /** The health server and, when asked for, the enclave support endpoint. */
    record Running(HostHealthServer health, Optional<EnclaveSupportServer> support) implements AutoCloseable {
        @Override
        public void close() {
            support.ifPresent(EnclaveSupportServer::close);
            health.close();
        }
    }

    private HostCommand() {
    }

    static void start(List<String> args, PrintStream out) throws Exception {
        Running running = launch(args, out);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "host-shutdown"));
    }

    static Running launch(List<String> args, PrintStream out) throws Exception {
        Options options = Options.parse(args, VALUED, Set.of("--local"));
        int port = (int) options.number("--port", 8080, 0, 65535);
        SupportSetup support = SupportSetup.parse(options);
        EnclaveProbe probe;
        if (options.flag("--local")) {
            if (options.value("--describe-command").isPresent() || options.value("--expect-cpus").isPresent()
                    || options.value("--expect-memory-mib").isPresent()) {
                throw new UsageException("--describe-command and --expect-* apply to nitro-cli, not --local");
            }
            URI url = URI.create(options.value("--enclave-url").orElse("http://127.0.0.1:5000"));
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new UsageException("--enclave-url must be an http(s) URL, got " + url);
            }
            probe = new LocalEnclaveProbe(url, LocalEnclaveProbe.DEFAULT_TIMEOUT);
        } else {
            if (options.value("--enclave-url").isPresent()) {
                throw new UsageException("--enclave-url applies only with --local");
            }
            List<String> command = options.value("--describe-command")
                    .map(c -> Arrays.asList(c.trim().split("\\s+")))
                    .orElse(NitroCliProbe.DEFAULT_COMMAND);
            if (command.isEmpty() || command.get(0).isEmpty()) {
                throw new UsageException("--describe-command must name a command");
            }
            probe = new NitroCliProbe(command, NitroCliProbe.DEFAULT_TIMEOUT,
                    optional(options, "--expect-cpus"), optional(options, "--expect-memory-mib"));
        }
        InetSocketAddress address = options.value("--bind").isPresent()
                ? new InetSocketAddress(ipLiteral(options.value("--bind").get()), port)
                : new InetSocketAddress(port);
        HostHealthServer server = HostHealthServer.start(address, probe);
        out.println("nautilus host health server on port " + server.address().getPort());
        Optional<EnclaveSupportServer> supportServer;
        try {
            supportServer = support.start(out);
        } catch (Exception e) {
            server.close();
            throw e;
        }
        out.flush();
        return new Running(server, supportServer);
    }

    /**
     * {@code --support-port P}: the enclave support endpoint on 127.0.0.1:P (the instance role's
     * credentials from IMDSv2; with {@code --identity-dir DIR}, the sealed identity records in DIR).
     * {@code --imds-endpoint URL} points the SDK's IMDS client elsewhere (tests; it defaults to the
     * link-local IMDS address). Off unless asked for: only hosts whose enclave uses KMS need it.
     */
    private record SupportSetup(OptionalInt port, Optional<Path> identityDirectory, Optional<String> imdsEndpoint) {
        static SupportSetup parse(Options options) throws UsageException {
            if (options.value("--support-port").isEmpty()) {
                if (options.value("--identity-dir").isPresent() || options.value("--imds-endpoint").isPresent()) {
                    throw new UsageException("--identity-dir and --imds-endpoint apply only with --support-port");
                }
                return new SupportSetup(OptionalInt.empty(), Optional.empty(), Optional.empty());
            }
            int port = (int) options.number("--support-port", 0, 0, 65535);
            Optional<String> imds = options.value("--imds-endpoint");
            if (imds.isPresent()) {
                URI uri;
                try {
                    uri = URI.create(imds.get());
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--imds-endpoint must be an http URL, got " + imds.get());
                }
                if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new UsageException("--imds-endpoint must be an http URL, got " + imds.get());
                }
            }
            return new SupportSetup(OptionalInt.of(port), options.value("--identity-dir").map(Path::of), imds);
        }

        Optional<EnclaveSupportServer> start(PrintStream out) throws Exception {
            if (port.isEmpty()) {
                return Optional.empty();
            }
            // The SDK's own IMDSv2 client (token PUT, role name, credentials), caching and refreshing.
            InstanceProfileCredentialsProvider.Builder imds = InstanceProfileCredentialsProvider.builder()
                    .asyncCredentialUpdateEnabled(false);
            imdsEndpoint.ifPresent(imds::endpoint);
            EnclaveSupportServer server = EnclaveSupportServer.start(port.getAsInt(), imds.build(),
                    identityDirectory.map(FileIdentityStore::new));
            out.println("nautilus enclave support endpoint on 127.0.0.1:" + server.address().getPort()
                    + " (credentials from IMDSv2" + identityDirectory.map(d -> ", sealed identities in " + d).orElse("")
                    + ")");
            return Optional.of(server);
        }
    }

    /** An IP address literal; never a name (no DNS lookup decides where the server listens). */
    private static InetAddress ipLiteral(String value) throws UsageException {
        boolean ipv4 = value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = value.contains(":") && value.matches("\\[?[0-9a-fA-F:.]+]?");
        if (!ipv4 && !ipv6) {
            throw new UsageException("--bind wants an IP address such as 127.0.0.1, got " + value);
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind wants an IP address such as 127.0.0.1, got " + value);
        }
    }

    private static OptionalLong optional(Options options, String name) throws UsageException {
        return options.value(name).isPresent()
                ? OptionalLong.of(options.number(name, 0, 1, Integer.MAX_VALUE))
                : OptionalLong.empty();
    }
}
