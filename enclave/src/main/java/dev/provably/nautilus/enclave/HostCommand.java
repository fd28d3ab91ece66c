package dev.provably.nautilus.enclave;

import dev.provably.nautilus.cli.Converters;
import dev.provably.nautilus.enclave.host.DirectoryRecordStore;
import dev.provably.nautilus.enclave.host.EnclaveProbe;
import dev.provably.nautilus.enclave.host.EnclaveSupportServer;
import dev.provably.nautilus.enclave.host.HostHealthServer;
import dev.provably.nautilus.enclave.host.LocalEnclaveProbe;
import dev.provably.nautilus.enclave.host.NitroCliProbe;
import dev.provably.nautilus.enclave.host.ParameterStoreRecordStore;
import dev.provably.nautilus.enclave.host.RecordStore;
import dev.provably.nautilus.gate.BackendConfig;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
@Command(
        name = "host",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "the parent-side health server (and, with --support-port, the enclave support endpoint)",
        descriptionHeading = "%n",
        description = "Reports the enclave from nitro-cli describe-enclaves, or with --local from the local enclave's"
                + " /health. Listens on all interfaces unless --bind narrows it.")
final class HostCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "the health server's port (default: 8080; 0 picks one)")
    Long port;

    @Option(
            names = "--bind",
            paramLabel = "IP",
            description = "listen on this IP address literal only (e.g. 127.0.0.1)")
    String bind;

    @Option(names = "--local", description = "report a local enclave (serve --local) from its /health")
    boolean local;

    @Option(
            names = "--enclave-url",
            paramLabel = "URL",
            converter = Converters.HttpUrl.class,
            description = "with --local: the local enclave (default: http://127.0.0.1:5000)")
    URI enclaveUrl;

    @Option(
            names = "--describe-command",
            paramLabel = "CMD",
            description = "the nitro-cli describe-enclaves command," + " split on whitespace and run without a shell")
    String describeCommand;

    @Option(names = "--expect-cpus", paramLabel = "N", description = "healthy only when the enclave has N CPUs")
    Long expectCpus;

    @Option(names = "--expect-memory-mib", paramLabel = "M", description = "healthy only when the enclave has M MiB")
    Long expectMemoryMib;

    @Mixin
    SupportOptions supportOptions;

    HostCommand(PrintStream out) {
        this.out = out;
    }

    /** Starts the servers and leaves them running (stopped by the JVM's shutdown). */
    @Override
    public Integer call() throws Exception {
        Running running = launch();
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "host-shutdown"));
        return 0;
    }

    /** {@code --support-port} and its store options, as picocli reads them. */
    static final class SupportOptions {
        @Option(
                names = "--support-port",
                paramLabel = "P",
                description = "add the enclave support endpoint on"
                        + " 127.0.0.1:P (the instance role's credentials from IMDSv2, the sealed identity records)")
        Long supportPort;

        @Option(
                names = "--identity-dir",
                paramLabel = "DIR",
                description = "with --support-port: keep the sealed identity records in DIR")
        String identityDir;

        @Option(
                names = "--identity-ssm-prefix",
                paramLabel = "PREFIX",
                description = "with --support-port: keep them"
                        + " as SSM parameters PREFIX/identity/<PCR0> (e.g. /nautilus/NAME)")
        String identitySsmPrefix;

        @Option(
                names = "--ssm-region",
                paramLabel = "R",
                description = "with --identity-ssm-prefix: the SSM region (default: the SDK's region chain)")
        String ssmRegion;

        @Option(
                names = "--ssm-endpoint",
                paramLabel = "URL",
                description = "with --identity-ssm-prefix: another SSM" + " endpoint (tests)")
        String ssmEndpoint;

        @Option(
                names = "--imds-endpoint",
                paramLabel = "URL",
                description = "with --support-port: another IMDS" + " endpoint (tests)")
        String imdsEndpoint;
    }

    /** The health server and, when asked for, the enclave support endpoint. */
    record Running(HostHealthServer health, Optional<EnclaveSupportServer> support) implements AutoCloseable {
        @Override
        public void close() {
            support.ifPresent(EnclaveSupportServer::close);
            health.close();
        }
    }

    /** Parses {@code args} as {@code host}'s and starts the servers (tests). */
    static Running launch(List<String> args, PrintStream out) throws Exception {
        HostCommand command = new HostCommand(out);
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.launch();
    }

    Running launch() throws Exception {
        int port = (int) CommandValues.inRange("--port", this.port, 8080, 0, 65535);
        SupportSetup support = SupportSetup.parse(supportOptions);
        EnclaveProbe probe;
        if (local) {
            if (describeCommand != null || expectCpus != null || expectMemoryMib != null) {
                throw new UsageException("--describe-command and --expect-* apply to nitro-cli, not --local");
            }
            URI url = enclaveUrl != null ? enclaveUrl : URI.create("http://127.0.0.1:5000");
            probe = new LocalEnclaveProbe(url, LocalEnclaveProbe.DEFAULT_TIMEOUT);
        } else {
            if (enclaveUrl != null) {
                throw new UsageException("--enclave-url applies only with --local");
            }
            List<String> command = describeCommand != null
                    ? Arrays.asList(describeCommand.trim().split("\\s+"))
                    : NitroCliProbe.DEFAULT_COMMAND;
            if (command.isEmpty() || command.get(0).isEmpty()) {
                throw new UsageException("--describe-command must name a command");
            }
            probe = new NitroCliProbe(
                    command,
                    NitroCliProbe.DEFAULT_TIMEOUT,
                    positive("--expect-cpus", expectCpus),
                    positive("--expect-memory-mib", expectMemoryMib));
        }
        InetSocketAddress address =
                bind != null ? new InetSocketAddress(ipLiteral(bind), port) : new InetSocketAddress(port);
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
    private record SupportSetup(
            OptionalInt port,
            Optional<Path> identityDirectory,
            Optional<String> ssmPrefix,
            Optional<String> ssmRegion,
            Optional<URI> ssmEndpoint,
            Optional<String> imdsEndpoint) {
        static SupportSetup parse(SupportOptions options) throws UsageException {
            List<String> storeOptions = new ArrayList<>();
            addIf(storeOptions, "--identity-dir", options.identityDir);
            addIf(storeOptions, "--identity-ssm-prefix", options.identitySsmPrefix);
            addIf(storeOptions, "--ssm-region", options.ssmRegion);
            addIf(storeOptions, "--ssm-endpoint", options.ssmEndpoint);
            addIf(storeOptions, "--imds-endpoint", options.imdsEndpoint);
            if (options.supportPort == null) {
                if (!storeOptions.isEmpty()) {
                    throw new UsageException(storeOptions.get(0) + " applies only with --support-port");
                }
                return new SupportSetup(
                        OptionalInt.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
            }
            int port = (int) CommandValues.inRange("--support-port", options.supportPort, 0, 0, 65535);
            Optional<String> imds = Optional.ofNullable(options.imdsEndpoint);
            if (imds.isPresent()) {
                httpUrl("--imds-endpoint", imds.get());
            }
            Optional<String> prefix = Optional.ofNullable(options.identitySsmPrefix);
            if (prefix.isPresent() && options.identityDir != null) {
                throw new UsageException("choose one store: --identity-dir or --identity-ssm-prefix");
            }
            if (prefix.isEmpty() && (options.ssmRegion != null || options.ssmEndpoint != null)) {
                throw new UsageException("--ssm-region and --ssm-endpoint apply only with --identity-ssm-prefix");
            }
            if (prefix.isPresent()) {
                try {
                    ParameterStoreRecordStore.checkPrefix(prefix.get());
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--identity-ssm-prefix: " + e.getMessage());
                }
            }
            Optional<String> region = Optional.ofNullable(options.ssmRegion);
            if (region.isPresent() && !BackendConfig.isAwsRegion(region.get())) {
                throw new UsageException("--ssm-region must be a region such as eu-west-1, got " + region.get());
            }
            Optional<URI> ssmEndpoint = options.ssmEndpoint != null
                    ? Optional.of(httpUrl("--ssm-endpoint", options.ssmEndpoint))
                    : Optional.empty();
            return new SupportSetup(
                    OptionalInt.of(port),
                    Optional.ofNullable(options.identityDir).map(Path::of),
                    prefix,
                    region,
                    ssmEndpoint,
                    imds);
        }

        private static void addIf(List<String> given, String option, String value) {
            if (value != null) {
                given.add(option);
            }
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
            InstanceProfileCredentialsProvider.Builder imds =
                    InstanceProfileCredentialsProvider.builder().asyncCredentialUpdateEnabled(false);
            imdsEndpoint.ifPresent(imds::endpoint);
            InstanceProfileCredentialsProvider role = imds.build();
            Optional<RecordStore> store = identityDirectory.isPresent()
                    ? Optional.of(new DirectoryRecordStore(identityDirectory.get()))
                    : ssmPrefix.map(prefix -> new ParameterStoreRecordStore(ssmClient(role), prefix));
            EnclaveSupportServer server = EnclaveSupportServer.start(port.getAsInt(), role, store);
            out.println("nautilus enclave support endpoint on 127.0.0.1:"
                    + server.address().getPort()
                    + " (credentials from IMDSv2"
                    + store.map(s -> ", sealed identities in " + s.describe()).orElse("")
                    + ")");
            return Optional.of(server);
        }

        /** The instance role signs; bounded calls so a slow SSM answers the enclave with 503, not a hang. */
        private SsmClient ssmClient(InstanceProfileCredentialsProvider role) {
            SsmClientBuilder builder = SsmClient.builder()
                    .httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(3))
                            .build())
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

    private static OptionalLong positive(String option, Long value) throws UsageException {
        return value == null
                ? OptionalLong.empty()
                : OptionalLong.of(CommandValues.inRange(option, value, 0, 1, Integer.MAX_VALUE));
    }
}
