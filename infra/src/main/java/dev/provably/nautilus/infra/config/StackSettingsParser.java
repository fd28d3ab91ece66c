package dev.provably.nautilus.infra.config;

import dev.provably.nautilus.gate.BackendConfig;
import dev.provably.nautilus.gate.BackendConfigException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates the stack configuration into {@link StackSettings}. Every key is checked, and
 * all problems are reported together in one {@link InvalidConfigException}; nothing is returned
 * unless the whole configuration is valid.
 */
public final class StackSettingsParser {
    /** With multi-threading on, AWS requires at least 2 vCPUs to stay with the parent instance. */
    public static final int PARENT_MIN_VCPUS = 2;
    /** Room for the OS, the health server, the CloudWatch agent and socat on the parent. */
    public static final int PARENT_MIN_MEMORY_MIB = 1536;
    /** nitro-cli refuses smaller enclaves. */
    public static final int ENCLAVE_MIN_MEMORY_MIB = 64;

    public static final int MAX_INSTANCE_COUNT = 100;

    /** CloudWatch Logs' allowed retention periods; 0 means never expire. */
    public static final Set<Integer> LOG_RETENTION_DAYS = Set.of(
            0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern AMI = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern PRICE = Pattern.compile("\\d{1,4}(\\.\\d{1,6})?");
    private static final Pattern KEY_PAIR = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    /*
     * Length caps below AWS's own (S3 keys 1024, log groups 512): these values are written into the
     * user data, several times for the log group, and every config must fit EC2's 16 KiB.
     */
    public static final int MAX_OBJECT_KEY_LENGTH = 256;
    public static final int MAX_LOG_GROUP_LENGTH = 128;
    public static final int MAX_IMAGE_LENGTH = 255;
    private static final Pattern LOG_GROUP = Pattern.compile("[A-Za-z0-9._/#-]{1," + MAX_LOG_GROUP_LENGTH + "}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_LIKE = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern OBJECT_KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** An analyzer's name as the enclave reports it; {@code policy} names the verdict policy. */
    private static final Pattern ANALYZER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private static final String POLICY = "policy";
    private static final Pattern SHA384 = Pattern.compile("[0-9a-fA-F]{96}");
    private static final Pattern PINNED_IMAGE = Pattern.compile(
            "([a-z0-9]+([._-][a-z0-9]+)*(:\\d{1,5})?/)?[a-z0-9]+([._/-][a-z0-9]+)*@sha256:[0-9a-f]{64}");
    private static final Pattern ECR_IMAGE = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([a-z0-9._/-]+)@sha256:[0-9a-f]{64}");
    private static final Pattern KMS_KEY_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,64}");
    private static final Pattern ACM_CERTIFICATE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern SNS_TOPIC_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");

    private final NitroInstanceTypes instanceTypes;

    public StackSettingsParser() {
        this(NitroInstanceTypes.load());
    }

    StackSettingsParser(NitroInstanceTypes instanceTypes) {
        this.instanceTypes = instanceTypes;
    }

    /**
     * @param raw     the stack's config-strings
     * @param project the project name, which is also the config namespace
     * @param stack   the stack name
     * @throws InvalidConfigException listing every rejected setting
     */
    public StackSettings parse(RawConfig raw, String project, String stack) {
        var in = new ConfigReader(raw, project);

        var network = network(in);
        var instanceType = instanceType(in);
        var host = host(in, instanceType, network.map(NetworkSettings::loadBalancing));
        var enclave = enclave(in, instanceType);
        var kms = kms(in);
        var observability = observability(in, project);
        var verifier = verifier(in);

        if (!in.problems().isEmpty()) {
            throw new InvalidConfigException(in.problems());
        }
        return new StackSettings(
                project,
                stack,
                network.orElseThrow(),
                host.orElseThrow(),
                enclave.orElseThrow(),
                kms.orElseThrow(),
                observability.orElseThrow(),
                verifier.orElseThrow());
    }

    private Optional<NetworkSettings> network(ConfigReader in) {
        var region = in.requiredForeign("aws", "region", "the AWS region to deploy into, e.g. us-east-1")
                .filter(r -> {
                    if (BackendConfig.isAwsRegion(r)) {
                        return true;
                    }
                    in.problem("aws:region", "'" + r + "' is not an AWS region name like us-east-1");
                    return false;
                });
        var zones = in.intValue(ConfigKey.ZONE_COUNT, NetworkSettings.MIN_ZONES, NetworkSettings.MAX_ZONES);
        var loadBalancing = loadBalancing(in);

        var allowAnywhere = in.bool(ConfigKey.ALLOW_SSH_FROM_ANYWHERE);
        var ssh = cidrs(in, ConfigKey.SSH_CIDRS);
        ssh.ifPresent(list -> {
            if (list.stream().anyMatch(Ipv4Cidr::isAnywhere) && !allowAnywhere.orElse(false)) {
                in.problem(
                        ConfigKey.SSH_CIDRS,
                        "0.0.0.0/0 would open SSH to the whole internet; list your admin"
                                + " CIDRs instead, use [] and SSM Session Manager, or set "
                                + in.qualified(ConfigKey.ALLOW_SSH_FROM_ANYWHERE) + "=true to force it");
            }
        });
        var keyName = in.string(ConfigKey.SSH_KEY_NAME);
        if (keyName.isPresent() && !KEY_PAIR.matcher(keyName.get()).matches()) {
            in.problem(
                    ConfigKey.SSH_KEY_NAME,
                    "'" + keyName.get() + "' is not a key pair name; allowed: 1 to 255 of A-Z a-z 0-9 . _ -");
            keyName = Optional.empty();
        } else if (keyName.isEmpty() && ssh.map(list -> !list.isEmpty()).orElse(false)) {
            in.problem(
                    ConfigKey.SSH_KEY_NAME,
                    "is required when " + in.qualified(ConfigKey.SSH_CIDRS)
                            + " is not empty: the name of an existing EC2 key pair");
        }
        var api = cidrs(in, ConfigKey.API_CIDRS);
        var health = cidrs(in, ConfigKey.HEALTH_CIDRS);
        var apiPort = port(in, ConfigKey.API_PORT);
        var healthPort = port(in, ConfigKey.HEALTH_PORT);
        if (apiPort.isPresent() && apiPort.equals(healthPort)) {
            in.problem(
                    ConfigKey.HEALTH_PORT,
                    "must differ from " + in.qualified(ConfigKey.API_PORT) + " (both are " + apiPort.get() + ")");
        }
        var ssm = in.bool(ConfigKey.ENABLE_SSM);

        if (region.isEmpty()
                || zones.isEmpty()
                || loadBalancing.isEmpty()
                || ssh.isEmpty()
                || api.isEmpty()
                || health.isEmpty()
                || apiPort.isEmpty()
                || healthPort.isEmpty()
                || ssm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkSettings(
                region.get(),
                zones.get(),
                loadBalancing.get(),
                ssh.get(),
                keyName,
                api.get(),
                health.get(),
                apiPort.get(),
                healthPort.get(),
                ssm.get()));
    }

    private static Optional<LoadBalancing> loadBalancing(ConfigReader in) {
        var mode = in.string(ConfigKey.LOAD_BALANCER).orElse("");
        var certificate = in.string(ConfigKey.TLS_CERTIFICATE_ARN);
        if (certificate.isPresent()
                && !ACM_CERTIFICATE_ARN.matcher(certificate.get()).matches()) {
            in.problem(
                    ConfigKey.TLS_CERTIFICATE_ARN,
                    "'" + certificate.get() + "' is not an ACM certificate ARN;"
                            + " allowed: arn:aws:acm:<region>:<account>:certificate/<id> or empty");
            return Optional.empty();
        }
        switch (mode) {
            case "nlb":
                return Optional.of(new LoadBalancing.Nlb(certificate));
            case "none":
                if (certificate.isPresent()) {
                    in.problem(
                            ConfigKey.TLS_CERTIFICATE_ARN,
                            "needs " + in.qualified(ConfigKey.LOAD_BALANCER)
                                    + "=nlb (TLS ends at the load balancer); allowed: empty in single-host mode");
                    return Optional.empty();
                }
                return Optional.of(new LoadBalancing.SingleHost());
            default:
                in.problem(
                        ConfigKey.LOAD_BALANCER, "'" + mode + "' is not allowed; allowed: nlb or none (single host)");
                return Optional.empty();
        }
    }

    private static Optional<Integer> port(ConfigReader in, ConfigKey key) {
        var port = in.intValue(key, 1024, 65535);
        if (port.isPresent() && port.get() == NetworkSettings.SSH_PORT) {
            in.problem(key, "must not be the SSH port 22");
            return Optional.empty();
        }
        return port;
    }

    private static Optional<List<Ipv4Cidr>> cidrs(ConfigReader in, ConfigKey key) {
        var values = in.stringList(key);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        var out = new ArrayList<Ipv4Cidr>();
        var seen = new HashSet<String>();
        boolean ok = true;
        for (var value : values.get()) {
            var parsed = Ipv4Cidr.parse(value);
            if (parsed.error().isPresent()) {
                in.problem(key, parsed.error().get());
                ok = false;
            } else if (!seen.add(value)) {
                in.problem(key, "'" + value + "' is listed twice");
                ok = false;
            } else {
                out.add(parsed.cidr().orElseThrow());
            }
        }
        return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    private Optional<NitroInstanceType> instanceType(ConfigReader in) {
        var name = in.string(ConfigKey.INSTANCE_TYPE);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        var type = instanceTypes.find(name.get());
        if (type.isEmpty()) {
            var family = name.get().contains(".")
                    ? name.get().substring(0, name.get().indexOf('.'))
                    : name.get();
            var sizes = instanceTypes.sizesOf(family);
            in.problem(
                    ConfigKey.INSTANCE_TYPE,
                    sizes.isEmpty()
                            ? "'" + name.get() + "' is not a supported Nitro Enclaves parent type; allowed families: "
                                    + instanceTypes.families() + " (sizes xlarge and up; see infra/README.md)"
                            : "'" + name.get() + "' is not a supported size; allowed " + family + " sizes: " + sizes);
        }
        return type;
    }

    private Optional<HostSettings> host(
            ConfigReader in, Optional<NitroInstanceType> type, Optional<LoadBalancing> loadBalancing) {
        var desired = in.intValue(ConfigKey.INSTANCE_COUNT, 1, MAX_INSTANCE_COUNT);
        var min = in.intValue(ConfigKey.MIN_INSTANCES, 1, MAX_INSTANCE_COUNT);
        var max = in.intValue(ConfigKey.MAX_INSTANCES, 1, MAX_INSTANCE_COUNT);
        boolean sizesValid = desired.isPresent() && min.isPresent() && max.isPresent();
        if (sizesValid && !(min.get() <= desired.get() && desired.get() <= max.get())) {
            in.problem(
                    ConfigKey.INSTANCE_COUNT,
                    desired.get() + " is outside " + in.qualified(ConfigKey.MIN_INSTANCES)
                            + ".." + in.qualified(ConfigKey.MAX_INSTANCES) + " (" + min.get() + ".." + max.get()
                            + "); allowed: minInstances <= instanceCount <= maxInstances");
            sizesValid = false;
        }
        if (sizesValid
                && loadBalancing.orElse(null) instanceof LoadBalancing.SingleHost
                && (min.get() != 1 || desired.get() != 1 || max.get() != 1)) {
            in.problem(
                    ConfigKey.LOAD_BALANCER,
                    "none (single-host mode) runs exactly one host; allowed: nlb, or"
                            + " minInstances = instanceCount = maxInstances = 1");
            sizesValid = false;
        }
        var ami = in.string(ConfigKey.AMI_ID);
        boolean amiValid = ami.isEmpty() || AMI.matcher(ami.get()).matches();
        if (!amiValid) {
            in.problem(
                    ConfigKey.AMI_ID,
                    "'" + ami.get() + "' is not an AMI id; allowed: ami- and 8 or 17 hex digits,"
                            + " or empty for Amazon Linux 2023");
        }
        var market = market(in, max);
        var volume = in.intValue(ConfigKey.ROOT_VOLUME_SIZE_GB, 8, 16384);
        var monitoring = in.bool(ConfigKey.DETAILED_MONITORING);
        var minHealthy = in.intValue(ConfigKey.MIN_HEALTHY_PERCENTAGE, 0, 100);
        if (type.isEmpty()
                || !sizesValid
                || !amiValid
                || market.isEmpty()
                || volume.isEmpty()
                || monitoring.isEmpty()
                || minHealthy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HostSettings(
                instanceTypes.sameShape(type.get()),
                desired.get(),
                min.get(),
                max.get(),
                ami,
                market.get(),
                volume.get(),
                monitoring.get(),
                minHealthy.get()));
    }

    private static Optional<Market> market(ConfigReader in, Optional<Integer> maxInstances) {
        var spot = in.bool(ConfigKey.USE_SPOT);
        var base = in.intValue(ConfigKey.ON_DEMAND_BASE_CAPACITY, 0, MAX_INSTANCE_COUNT);
        if (base.isPresent() && maxInstances.isPresent() && base.get() > maxInstances.get()) {
            in.problem(
                    ConfigKey.ON_DEMAND_BASE_CAPACITY,
                    base.get() + " exceeds " + in.qualified(ConfigKey.MAX_INSTANCES) + " (" + maxInstances.get()
                            + "); allowed: 0 to " + maxInstances.get());
            base = Optional.empty();
        }
        var priceText = in.string(ConfigKey.SPOT_MAX_PRICE);
        Optional<BigDecimal> price = Optional.empty();
        boolean priceValid = true;
        if (priceText.isPresent()) {
            if (PRICE.matcher(priceText.get()).matches() && new BigDecimal(priceText.get()).signum() > 0) {
                price = Optional.of(new BigDecimal(priceText.get()));
            } else {
                in.problem(
                        ConfigKey.SPOT_MAX_PRICE,
                        "'" + priceText.get() + "' is not a positive price; allowed: a"
                                + " decimal number of USD per hour greater than 0, e.g. 0.25, or empty for no maximum");
                priceValid = false;
            }
        }
        if (spot.isPresent()
                && !spot.get()
                && (priceText.isPresent() || base.map(b -> b > 0).orElse(false))) {
            in.problem(
                    ConfigKey.USE_SPOT,
                    "is false, so " + in.qualified(ConfigKey.SPOT_MAX_PRICE) + " and "
                            + in.qualified(ConfigKey.ON_DEMAND_BASE_CAPACITY)
                            + " have no effect; allowed: leave them unset");
            priceValid = false;
        }
        if (spot.isEmpty() || base.isEmpty() || !priceValid) {
            return Optional.empty();
        }
        return Optional.of(spot.get() ? new Market.Spot(base.get(), price) : new Market.OnDemand());
    }

    private static Optional<EnclaveSettings> enclave(ConfigReader in, Optional<NitroInstanceType> type) {
        var cpus = in.intValue(ConfigKey.ENCLAVE_CPU_COUNT, 2, 1024);
        if (cpus.isPresent() && cpus.get() % 2 != 0) {
            in.problem(
                    ConfigKey.ENCLAVE_CPU_COUNT,
                    cpus.get() + " is odd; allowed: an even number (enclaves get whole cores, 2 vCPUs each)");
            cpus = Optional.empty();
        }
        if (cpus.isPresent() && type.isPresent() && cpus.get() > type.get().vcpus() - PARENT_MIN_VCPUS) {
            in.problem(
                    ConfigKey.ENCLAVE_CPU_COUNT,
                    cpus.get() + " vCPUs do not fit " + type.get().name() + " ("
                            + type.get().vcpus() + " vCPUs, at least " + PARENT_MIN_VCPUS
                            + " stay with the parent); allowed: 2 to "
                            + (type.get().vcpus() - PARENT_MIN_VCPUS));
            cpus = Optional.empty();
        }
        var memory = in.intValue(ConfigKey.ENCLAVE_MEMORY_MIB, ENCLAVE_MIN_MEMORY_MIB, Integer.MAX_VALUE);
        if (memory.isPresent() && type.isPresent() && memory.get() > type.get().memoryMib() - PARENT_MIN_MEMORY_MIB) {
            in.problem(
                    ConfigKey.ENCLAVE_MEMORY_MIB,
                    memory.get() + " MiB does not fit " + type.get().name() + " ("
                            + type.get().memoryMib() + " MiB, at least " + PARENT_MIN_MEMORY_MIB
                            + " MiB stay with the parent); allowed: " + ENCLAVE_MIN_MEMORY_MIB + " to "
                            + (type.get().memoryMib() - PARENT_MIN_MEMORY_MIB));
            memory = Optional.empty();
        }
        var cid = in.integer(ConfigKey.ENCLAVE_CID, 4, 4_294_967_294L);

        var bucket = in.string(ConfigKey.ARTIFACT_BUCKET);
        if (bucket.isPresent() && !validBucket(bucket.get())) {
            in.problem(
                    ConfigKey.ARTIFACT_BUCKET,
                    "'" + bucket.get() + "' is not an S3 bucket name; allowed: 3 to 63"
                            + " of a-z 0-9 . -, starting and ending with a letter or digit, not an IP address");
            bucket = Optional.empty();
        }
        var source = source(in);
        var jarKey = objectKey(in, ConfigKey.HOST_JAR_KEY);
        var jarSha = in.string(ConfigKey.HOST_JAR_SHA256);
        boolean jarShaValid = jarSha.isEmpty() || SHA256.matcher(jarSha.get()).matches();
        if (!jarShaValid) {
            in.problem(
                    ConfigKey.HOST_JAR_SHA256,
                    "'" + jarSha.get() + "' is not a SHA-256; allowed: 64 hex characters or empty");
        }
        var pcrs = pcrs(in);
        var debug = in.bool(ConfigKey.DEBUG_MODE);

        if (cpus.isEmpty()
                || memory.isEmpty()
                || cid.isEmpty()
                || bucket.isEmpty()
                || source.isEmpty()
                || jarKey.isEmpty()
                || !jarShaValid
                || pcrs.isEmpty()
                || debug.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EnclaveSettings(
                cpus.get(),
                memory.get(),
                cid.get(),
                bucket.get(),
                source.get(),
                jarKey.get(),
                jarSha.map(s -> s.toLowerCase(Locale.ROOT)),
                pcrs.get(),
                debug.get()));
    }

    private static boolean validBucket(String name) {
        return BUCKET.matcher(name).matches()
                && !name.contains("..")
                && !IP_LIKE.matcher(name).matches()
                && !name.startsWith("xn--")
                && !name.endsWith("-s3alias")
                && !name.endsWith("--ol-s3");
    }

    private static Optional<String> objectKey(ConfigReader in, ConfigKey key) {
        var value = in.string(key);
        if (value.isEmpty()) {
            return value;
        }
        var segments = List.of(value.get().split("/"));
        if (!OBJECT_KEY.matcher(value.get()).matches()
                || segments.contains("..")
                || segments.contains(".")
                || value.get().length() > MAX_OBJECT_KEY_LENGTH) {
            in.problem(
                    key,
                    "'" + value.get() + "' is not allowed; allowed: an S3 key of at most " + MAX_OBJECT_KEY_LENGTH
                            + " of A-Z a-z 0-9 . _ - and /"
                            + " separators, without leading, trailing or doubled / and without . or .. segments");
            return Optional.empty();
        }
        return value;
    }

    private static Optional<EnclaveSource> source(ConfigReader in) {
        var eifKeyText = in.string(ConfigKey.EIF_KEY);
        var eifKey = objectKey(in, ConfigKey.EIF_KEY);
        var image = in.string(ConfigKey.ENCLAVE_IMAGE);
        if (eifKeyText.isPresent() == image.isPresent()) {
            in.problem(
                    ConfigKey.EIF_KEY,
                    "set exactly one of " + in.qualified(ConfigKey.EIF_KEY) + " (an EIF in the"
                            + " artifact bucket) and " + in.qualified(ConfigKey.ENCLAVE_IMAGE)
                            + " (a container image pinned by digest)"
                            + (image.isPresent() ? "; both are set" : "; neither is set"));
            return Optional.empty();
        }
        if (eifKeyText.isPresent()) {
            return eifKey.map(EnclaveSource.S3Eif::new);
        }
        if (!PINNED_IMAGE.matcher(image.get()).matches() || image.get().length() > MAX_IMAGE_LENGTH) {
            in.problem(
                    ConfigKey.ENCLAVE_IMAGE,
                    "'" + image.get() + "' is not pinned; allowed: a lower-case image reference of at most "
                            + MAX_IMAGE_LENGTH
                            + " characters with a digest, e.g. registry.example/nautilus/enclave@sha256:<64 hex>");
            return Optional.empty();
        }
        var ecr = ECR_IMAGE.matcher(image.get());
        Optional<EnclaveSource.EcrRepository> repository = ecr.matches()
                ? Optional.of(new EnclaveSource.EcrRepository(ecr.group(1), ecr.group(2), ecr.group(3)))
                : Optional.empty();
        return Optional.of(new EnclaveSource.ContainerImage(image.get(), repository));
    }

    private static Optional<ExpectedPcrs> pcrs(ConfigReader in) {
        var values = new TreeMap<Integer, String>();
        boolean ok = true;
        var keys = List.of(ConfigKey.EXPECTED_PCR0, ConfigKey.EXPECTED_PCR1, ConfigKey.EXPECTED_PCR2);
        for (int index = 0; index < keys.size(); index++) {
            var key = keys.get(index);
            var value = in.string(key);
            if (value.isEmpty()) {
                ok &= !key.required();
                continue;
            }
            var hex = value.get();
            if (!SHA384.matcher(hex).matches()) {
                in.problem(
                        key,
                        "'" + hex + "' is not a SHA-384 measurement; allowed: exactly 96 hex characters ("
                                + hex.length() + " given), as printed by nitro-cli describe-eif");
                ok = false;
            } else if (hex.chars().allMatch(c -> c == '0')) {
                in.problem(
                        key,
                        "is all zeros, which is what debug-mode enclaves report; allowed: the image's real"
                                + " measurement from nitro-cli describe-eif");
                ok = false;
            } else {
                values.put(index, hex.toLowerCase(Locale.ROOT));
            }
        }
        return ok ? Optional.of(new ExpectedPcrs(values)) : Optional.empty();
    }

    private static Optional<KmsChoice> kms(ConfigReader in) {
        var create = in.bool(ConfigKey.CREATE_KMS_KEY);
        var arn = in.string(ConfigKey.KMS_KEY_ARN);
        if (arn.isPresent() && !KMS_KEY_ARN.matcher(arn.get()).matches()) {
            in.problem(
                    ConfigKey.KMS_KEY_ARN,
                    "'" + arn.get() + "' is not a KMS key ARN; allowed:"
                            + " arn:aws:kms:<region>:<account>:key/<key-id> (aliases cannot scope IAM policies)");
            return Optional.empty();
        }
        if (create.isEmpty()) {
            return Optional.empty();
        }
        if (create.get() && arn.isPresent()) {
            in.problem(
                    ConfigKey.KMS_KEY_ARN,
                    "must be empty when " + in.qualified(ConfigKey.CREATE_KMS_KEY)
                            + " is true; allowed: one of the two");
            return Optional.empty();
        }
        if (create.get()) {
            return Optional.of(new KmsChoice.CreateKey());
        }
        return Optional.of(arn.<KmsChoice>map(KmsChoice.ExistingKey::new).orElse(new KmsChoice.None()));
    }

    private static Optional<ObservabilitySettings> observability(ConfigReader in, String project) {
        var retention = in.intValue(ConfigKey.LOG_RETENTION_DAYS, 0, Integer.MAX_VALUE);
        if (retention.isPresent() && !LOG_RETENTION_DAYS.contains(retention.get())) {
            in.problem(
                    ConfigKey.LOG_RETENTION_DAYS,
                    retention.get() + " is not a CloudWatch retention period; allowed: "
                            + new TreeSet<>(LOG_RETENTION_DAYS) + " (0 = never expire)");
            retention = Optional.empty();
        }
        var name = in.string(ConfigKey.LOG_GROUP_NAME);
        if (name.isPresent()
                && (!LOG_GROUP.matcher(name.get()).matches() || name.get().startsWith("aws/"))) {
            in.problem(
                    ConfigKey.LOG_GROUP_NAME,
                    "'" + name.get() + "' is not a log group name; allowed: 1 to " + MAX_LOG_GROUP_LENGTH + " of"
                            + " A-Z a-z 0-9 . _ / # -, not starting with aws/");
            return Optional.empty();
        }
        var alarms = in.bool(ConfigKey.ENABLE_ALARMS);
        var topic = in.string(ConfigKey.ALARM_TOPIC_ARN);
        if (topic.isPresent() && !SNS_TOPIC_ARN.matcher(topic.get()).matches()) {
            in.problem(
                    ConfigKey.ALARM_TOPIC_ARN,
                    "'" + topic.get() + "' is not an SNS topic ARN; allowed:"
                            + " arn:aws:sns:<region>:<account>:<topic> or empty");
            return Optional.empty();
        }
        var email = in.string(ConfigKey.ALARM_EMAIL);
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            in.problem(
                    ConfigKey.ALARM_EMAIL,
                    "'" + email.get() + "' is not an email address; allowed: name@domain or empty");
            return Optional.empty();
        }
        if (email.isPresent() && topic.isPresent()) {
            in.problem(
                    ConfigKey.ALARM_EMAIL,
                    "must be empty when " + in.qualified(ConfigKey.ALARM_TOPIC_ARN)
                            + " is set; allowed: one of the two");
            return Optional.empty();
        }
        if ((topic.isPresent() || email.isPresent()) && alarms.isPresent() && !alarms.get()) {
            in.problem(
                    topic.isPresent() ? ConfigKey.ALARM_TOPIC_ARN : ConfigKey.ALARM_EMAIL,
                    "has no effect unless " + in.qualified(ConfigKey.ENABLE_ALARMS) + " is true; set both or neither");
            return Optional.empty();
        }
        if (retention.isEmpty() || alarms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ObservabilitySettings(
                name.orElse("/aws/ec2/" + project + "-nitro-enclave"), retention.get(), alarms.get(), topic, email));
    }

    private static Optional<VerifierSettings> verifier(ConfigReader in) {
        var profile = in.string(ConfigKey.VERIFIER_PROFILE).orElse("");
        boolean knownProfile = isProfile(profile);
        if (!knownProfile) {
            in.problem(ConfigKey.VERIFIER_PROFILE, "'" + profile + "' is not a verifier profile; allowed: sui or nsm");
        }
        var maxAge = in.intValue(ConfigKey.MAX_AGE_SECONDS, 1, (int) BackendConfig.MAX_AGE_LIMIT_SECONDS);
        var analysis = expectedAnalysis(in);
        if (!knownProfile || maxAge.isEmpty() || analysis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VerifierSettings(profile, maxAge.get(), analysis.get()));
    }

    /** Whether the verifier's backend config knows the profile {@code name}. */
    private static boolean isProfile(String name) {
        try {
            BackendConfig.parseProfile(name);
            return true;
        } catch (BackendConfigException e) {
            return false;
        }
    }

    /**
     * {@code ["policy=<hex>", "<analyzer>=<hex>", ...]}: exactly one policy and at least one analyzer,
     * each a SHA-256; or {@code ["any"]}, the verifier's written-out opt-out. The first problem found
     * is reported.
     */
    private static Optional<ExpectedAnalysis> expectedAnalysis(ConfigReader in) {
        var key = ConfigKey.EXPECTED_ANALYSIS;
        var allowed = "allowed: policy=<64 hex> and <analyzer>=<64 hex> for each analyzer, as printed by"
                + " java -jar nautilus-enclave.jar analyze FILE, or the single entry " + ExpectedAnalysis.Any.VALUE
                + " (unsafe)";
        var entries = in.stringList(key, "[\"policy=<64 hex>\", \"provenance=<64 hex>\", \"model=<64 hex>\"]");
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        if (entries.get().isEmpty()) {
            in.problem(key, "is empty; " + allowed);
            return Optional.empty();
        }
        if (entries.get().contains(ExpectedAnalysis.Any.VALUE)) {
            if (entries.get().size() != 1) {
                in.problem(
                        key,
                        ExpectedAnalysis.Any.VALUE + " accepts any analysis, so it must be the only entry; " + allowed);
                return Optional.empty();
            }
            return Optional.of(new ExpectedAnalysis.Any());
        }
        String policy = null;
        var analyzers = new TreeMap<String, String>();
        for (var entry : entries.get()) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                in.problem(key, "'" + entry + "' is not name=<64 hex>; " + allowed);
                return Optional.empty();
            }
            var name = entry.substring(0, eq);
            var hex = entry.substring(eq + 1);
            if (!ANALYZER_NAME.matcher(name).matches()) {
                in.problem(
                        key,
                        "'" + name + "' is not an analyzer name; allowed: policy, or 1 to 32 of a-z 0-9 -"
                                + " starting with a letter");
                return Optional.empty();
            }
            if (!SHA256.matcher(hex).matches()) {
                in.problem(
                        key,
                        "'" + entry + "' is not a SHA-256 identity; allowed: exactly 64 hex characters (" + hex.length()
                                + " given) after " + name + "=");
                return Optional.empty();
            }
            if (name.equals(POLICY) ? policy != null : analyzers.containsKey(name)) {
                in.problem(key, "'" + name + "' is listed twice; allowed: one identity per name");
                return Optional.empty();
            }
            if (name.equals(POLICY)) {
                policy = hex.toLowerCase(Locale.ROOT);
            } else {
                analyzers.put(name, hex.toLowerCase(Locale.ROOT));
            }
        }
        if (policy == null) {
            in.problem(key, "has no policy=<64 hex> entry; " + allowed);
            return Optional.empty();
        }
        if (analyzers.isEmpty()) {
            in.problem(key, "names no analyzer, only the policy; " + allowed);
            return Optional.empty();
        }
        return Optional.of(new ExpectedAnalysis.Pinned(policy, analyzers));
    }
}
