package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.host.DirectoryRecordStore;
import dev.provably.nautilus.enclave.host.EnclaveProbe;
import dev.provably.nautilus.enclave.host.EnclaveSupportServer;
import dev.provably.nautilus.enclave.host.HostHealthServer;
import dev.provably.nautilus.enclave.host.LocalEnclaveProbe;
import dev.provably.nautilus.enclave.host.NitroCliProbe;
import dev.provably.nautilus.enclave.host.ParameterStoreRecordStore;
import dev.provably.nautilus.enclave.host.RecordStore;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

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
                    "--support-port", "--identity-dir", "--identity-ssm-prefix", "--ssm-region", "--ssm-endpoint",
                    "--imds-endpoint");

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
     * credentials from IMDSv2) and, with one of {@code --identity-dir DIR} or
     * {@code --identity-ssm-prefix /nautilus/NAME}, the sealed identity records: in DIR, or as SSM
     * parameters NAME/identity/PCR0 that outlive a replaced host ({@code --ssm-region R}, else the
     * SDK's region chain; the instance role's credentials). {@code --imds-endpoint URL} and
     * {@code --ssm-endpoint URL} point the SDK elsewhere (tests). Off unless asked for: only hosts
     * whose enclave uses KMS need it.
     */
    private record SupportSetup(OptionalInt port, Optional<Path> identityDirectory, Optional<String> ssmPrefix,
                                Optional<String> ssmRegion, Optional<URI> ssmEndpoint, Optional<String> imdsEndpoint) {
        private static final List<String> STORE_OPTIONS = List.of("--identity-dir", "--identity-ssm-prefix",
                "--ssm-region", "--ssm-endpoint", "--imds-endpoint");

        static SupportSetup parse(Options options) throws UsageException {
            if (options.value("--support-port").isEmpty()) {
                for (String option : STORE_OPTIONS) {
                    if (options.value(option).isPresent()) {
                        throw new UsageException(option + " applies only with --support-port");
                    }
                }
                return new SupportSetup(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty());
            }
            int port = (int) options.number("--support-port", 0, 0, 65535);
            Optional<String> imds = options.value("--imds-endpoint");
            if (imds.isPresent()) {
                httpUrl("--imds-endpoint", imds.get());
            }
            Optional<String> prefix = options.value("--identity-ssm-prefix");
            if (prefix.isPresent() && options.value("--identity-dir").isPresent()) {
                throw new UsageException("choose one store: --identity-dir or --identity-ssm-prefix");
            }
            if (prefix.isEmpty() && (options.value("--ssm-region").isPresent() || options.value("--ssm-endpoint").isPresent())) {
                throw new UsageException("--ssm-region and --ssm-endpoint apply only with --identity-ssm-prefix");
            }
            if (prefix.isPresent()) {
                try {
                    ParameterStoreRecordStore.checkPrefix(prefix.get());
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--identity-ssm-prefix: " + e.getMessage());
                }
            }
            Optional<String> region = options.value("--ssm-region");
            if (region.isPresent() && !region.get().matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
                throw new UsageException("--ssm-region must be a region such as eu-west-1, got " + region.get());
            }
            Optional<URI> ssmEndpoint = options.value("--ssm-endpoint").isPresent()
                    ? Optional.of(httpUrl("--ssm-endpoint", options.value("--ssm-endpoint").get()))
                    : Optional.empty();
            return new SupportSetup(OptionalInt.of(port), options.value("--identity-dir").map(Path::of), prefix, region,
                    ssmEndpoint, imds);
        }

        private static URI httpUrl(String option, String value) throws UsageException {
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + " must be an http(s) URL, got " + value);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException(option + " must be an http(s) URL, got " + value);
            }
            return uri;
        }

        Optional<EnclaveSupportServer> start(PrintStream out) throws Exception {
            if (port.isEmpty()) {
                return Optional.empty();
            }
            // The SDK's own IMDSv2 client (token PUT, role name, credentials), caching and refreshing.
            InstanceProfileCredentialsProvider.Builder imds = InstanceProfileCredentialsProvider.builder()
                    .asyncCredentialUpdateEnabled(false);
            imdsEndpoint.ifPresent(imds::endpoint);
            InstanceProfileCredentialsProvider role = imds.build();
            Optional<RecordStore> store = identityDirectory.isPresent()
                    ? Optional.of(new DirectoryRecordStore(identityDirectory.get()))
                    : ssmPrefix.map(prefix -> new ParameterStoreRecordStore(ssmClient(role), prefix));
            EnclaveSupportServer server = EnclaveSupportServer.start(port.getAsInt(), role, store);
            out.println("nautilus enclave support endpoint on 127.0.0.1:" + server.address().getPort()
                    + " (credentials from IMDSv2" + store.map(s -> ", sealed identities in " + s.describe()).orElse("")
                    + ")");
            return Optional.of(server);
        }

        /** The instance role signs; bounded calls so a slow SSM answers the enclave with 503, not a hang. */
        private SsmClient ssmClient(InstanceProfileCredentialsProvider role) {
            SsmClientBuilder builder = SsmClient.builder()
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(3)).build())
                    .credentialsProvider(role)
                    .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(4)));
            ssmRegion.map(Region::of).ifPresent(builder::region);
            ssmEndpoint.ifPresent(builder::endpointOverride);
            return builder.build();
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
