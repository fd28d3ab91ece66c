package dev.provably.nautilus.gate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.ExpectedPcrs;
import dev.provably.nautilus.attestation.Profile;
import dev.provably.nautilus.attestation.TrustAnchor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the backend needs to talk to the enclaves and to trust their reports: the enclave URLs, the
 * PCR values a genuine enclave image has, and the verification policy.
 *
 * <p>Load it from the JSON of {@code pulumi stack output --json} (the whole object, whose {@code
 * backendConfig} member is used, or that member alone) with {@link #fromJson(String)}, or build it
 * in code with {@link #builder()}; write it with {@link #toJson()} (the infra program's stack output,
 * a local run's file), the one codec of this contract. Both reading paths apply the same validation; every error is a {@link
 * BackendConfigException} naming the field. Unknown members are refused, so a misspelt policy
 * field (say {@code allowdebug}) cannot silently fall back to a default. {@code expectedAnalysis} is
 * required: the analysis identities a report must carry, or the string {@code "any"} to accept any
 * analysis the pinned image runs (the unsafe choice, written out).
 *
 * <pre>{@code
 * {"enclaveApiUrls": ["http://10.0.1.5:5000"], "healthUrls": ["http://10.0.1.5:8080/health"],
 *  "expectedPcrs": {"0": "<96 hex>", "1": "<96 hex>", "2": "<96 hex>"}, "profile": "sui",
 *  "maxAgeSeconds": 300, "allowDebug": false, "region": "us-east-1",
 *  "trustAnchorPem": null, "maxReportSkewSeconds": 30,
 *  "expectedAnalysis": {"policy": "<64 hex>", "analyzers": {"provenance": "<64 hex>", "model": "<64 hex>"}}}
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class BackendConfig {
    /** Default {@code maxAgeSeconds}: 5 minutes, as the attestation verifier. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    /** Default {@code maxReportSkewSeconds}. */
    public static final Duration DEFAULT_MAX_REPORT_SKEW = Duration.ofSeconds(30);

    /** The largest {@code maxAgeSeconds}: one day. */
    public static final long MAX_AGE_LIMIT_SECONDS = 86_400;

    static final long MAX_SKEW_LIMIT_SECONDS = 600;
    static final int MAX_CONFIG_BYTES = 1 << 20;

    private static final String MEMBER = "backendConfig";
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final Gson PRETTY_JSON =
            new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
    private static final Set<String> FIELDS = Set.of(
            "enclaveApiUrls",
            "healthUrls",
            "expectedPcrs",
            "profile",
            "maxAgeSeconds",
            "allowDebug",
            "region",
            "trustAnchorPem",
            "maxReportSkewSeconds",
            "expectedAnalysis");
    /** The written-out opt-out of analysis pinning. */
    static final String ANY_ANALYSIS = "any";

    private static final Pattern PCR_INDEX = Pattern.compile("0|[1-9][0-9]?");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    /** An AWS region name such as {@code us-east-1}. */
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}");
    /** The region of a config written by a local-mode run (no AWS). */
    static final String LOCAL_REGION = "local";

    private final List<URI> enclaveApiUrls;
    private final List<URI> healthUrls;
    private final ExpectedPcrs expectedPcrs;
    private final Profile profile;
    private final Duration maxAge;
    private final boolean allowDebug;
    private final String region;
    private final TrustAnchor trustAnchor;
    private final boolean customTrustAnchor;
    private final Duration maxReportSkew;
    private final Optional<ExpectedAnalysis> expectedAnalysis;

    private BackendConfig(Builder b) {
        if (b.enclaveApiUrls.isEmpty()) {
            throw new BackendConfigException("enclaveApiUrls", "at least one enclave URL is required");
        }
        if (b.expectedPcrs.isEmpty()) {
            // Without expected PCRs any enclave image with a valid chain would be trusted.
            throw new BackendConfigException("expectedPcrs", "at least one expected PCR is required");
        }
        this.enclaveApiUrls = List.copyOf(b.enclaveApiUrls);
        this.healthUrls = List.copyOf(b.healthUrls);
        this.expectedPcrs = b.expectedPcrs.build();
        this.profile = b.profile;
        this.maxAge = b.maxAge;
        this.allowDebug = b.allowDebug;
        this.region = b.region;
        this.customTrustAnchor = b.trustAnchor != null;
        this.trustAnchor = customTrustAnchor ? b.trustAnchor : TrustAnchor.awsNitroRootG1();
        this.maxReportSkew = b.maxReportSkew;
        if (b.expectedAnalysis == null && !b.anyAnalysis) {
            // Without it the gate accepts whatever analysis the pinned image runs, which a backend should say.
            throw new BackendConfigException(
                    "expectedAnalysis",
                    "is required: the policy and analyzer identities to accept, or \"any\" (unsafe) to accept any");
        }
        this.expectedAnalysis = Optional.ofNullable(b.expectedAnalysis);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the JSON of {@code pulumi stack output --json}: either the whole object (its {@code
     * backendConfig} member is used; it may also be that object serialised as a JSON string) or the
     * {@code backendConfig} object itself.
     *
     * @throws BackendConfigException if the JSON is invalid or any field is missing or invalid
     */
    public static BackendConfig fromJson(String json) {
        if (json == null) {
            throw new BackendConfigException("(document)", "is null");
        }
        JsonObject config = configObject(parse(json, "(document)"));
        Fields in = new Fields(config);
        in.onlyKnown();
        Builder b = builder();
        for (URI url : in.urls("enclaveApiUrls", true)) {
            b.enclaveApiUrl(url);
        }
        for (URI url : in.urls("healthUrls", false)) {
            b.healthUrl(url);
        }
        in.pcrs().forEach(b::expectPcr);
        in.optionalString("profile").ifPresent(p -> b.profile(parseProfile(p)));
        in.optionalInteger("maxAgeSeconds", 1, MAX_AGE_LIMIT_SECONDS).ifPresent(s -> b.maxAge(Duration.ofSeconds(s)));
        in.optionalBoolean("allowDebug").ifPresent(b::allowDebug);
        in.optionalString("region").ifPresent(b::region);
        in.optionalString("trustAnchorPem").ifPresent(b::trustAnchorPem);
        in.optionalInteger("maxReportSkewSeconds", 0, MAX_SKEW_LIMIT_SECONDS)
                .ifPresent(s -> b.maxReportSkew(Duration.ofSeconds(s)));
        in.expectedAnalysis().ifPresentOrElse(b::expectAnalysis, b::anyAnalysis);
        return b.build();
    }

    /**
     * The profile named {@code name} in a backend config: {@code sui} or {@code nsm}.
     *
     * @throws BackendConfigException (field {@code profile}) for any other name
     */
    public static Profile parseProfile(String name) {
        for (Profile profile : Profile.values()) {
            if (profileName(profile).equals(name)) {
                return profile;
            }
        }
        throw new BackendConfigException("profile", "must be \"sui\" or \"nsm\", got " + quote(name));
    }

    /** The name a backend config gives {@code profile}: {@code sui} or {@code nsm}. */
    public static String profileName(Profile profile) {
        return profile.name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} is shaped like an AWS region name, such as {@code us-east-1}. */
    public static boolean isAwsRegion(String name) {
        return name != null && AWS_REGION.matcher(name).matches();
    }

    /** Reads {@link #fromJson(String)} from a UTF-8 file of at most 1 MiB. */
    public static BackendConfig fromFile(Path path) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        }
        if (bytes.length > MAX_CONFIG_BYTES) {
            throw new BackendConfigException("(document)", path + " is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        try {
            return fromJson(StrictJson.utf8(bytes));
        } catch (CharacterCodingException e) {
            throw new BackendConfigException("(document)", path + " is not valid UTF-8");
        }
    }

    /** The enclave API base URLs ({@code POST /v1/reports} lives under each). */
    public List<URI> enclaveApiUrls() {
        return enclaveApiUrls;
    }

    /** The parent-side health URLs (may be empty). */
    public List<URI> healthUrls() {
        return healthUrls;
    }

    /** The expected PCR values by index (unmodifiable; values are copies). */
    public SortedMap<Integer, byte[]> expectedPcrs() {
        return Collections.unmodifiableSortedMap(expectedPcrs.values());
    }

    public Profile profile() {
        return profile;
    }

    /** The maximum age of an attestation document. */
    public Duration maxAge() {
        return maxAge;
    }

    public boolean allowDebug() {
        return allowDebug;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The anchor attestation chains must end in: the pinned AWS root unless a PEM was configured. */
    public TrustAnchor trustAnchor() {
        return trustAnchor;
    }

    /** Whether {@link #trustAnchor()} was configured explicitly (the local development CA). */
    public boolean customTrustAnchor() {
        return customTrustAnchor;
    }

    /** How far a report's timestamp may be from its attestation's and from the gate's clock. */
    /** The analysis reports must come from; empty only when the config accepts any (written out). */
    public Optional<ExpectedAnalysis> expectedAnalysis() {
        return expectedAnalysis;
    }

    public Duration maxReportSkew() {
        return maxReportSkew;
    }

    /**
     * The {@code backendConfig} object as compact JSON: exactly what {@link #fromJson} reads back to
     * an equal config. Members in the documented order; {@code region} when set, {@code
     * trustAnchorPem} only for an explicit anchor, {@code maxReportSkewSeconds} only when not the
     * default, {@code expectedAnalysis} as the identities or the written-out {@code "any"}.
     */
    public String toJson() {
        return JSON.toJson(tree());
    }

    /**
     * {@code {"backendConfig": {...}}}, pretty-printed with a final newline: the shape of {@code
     * pulumi stack output --json}, for a config written where no stack exists (a local run).
     */
    public String toStackOutputJson() {
        JsonObject outputs = new JsonObject();
        outputs.add(MEMBER, tree());
        return PRETTY_JSON.toJson(outputs) + "\n";
    }

    private JsonObject tree() {
        JsonObject config = new JsonObject();
        config.add("enclaveApiUrls", urlArray(enclaveApiUrls));
        config.add("healthUrls", urlArray(healthUrls));
        JsonObject pcrs = new JsonObject();
        expectedPcrs
                .values()
                .forEach((index, value) ->
                        pcrs.addProperty(index.toString(), HexFormat.of().formatHex(value)));
        config.add("expectedPcrs", pcrs);
        config.addProperty("profile", profileName(profile));
        config.addProperty("maxAgeSeconds", maxAge.getSeconds());
        config.addProperty("allowDebug", allowDebug);
        if (region != null) {
            config.addProperty("region", region);
        }
        if (customTrustAnchor) {
            config.addProperty("trustAnchorPem", trustAnchor.toPem());
        }
        if (!maxReportSkew.equals(DEFAULT_MAX_REPORT_SKEW)) {
            config.addProperty("maxReportSkewSeconds", maxReportSkew.getSeconds());
        }
        if (expectedAnalysis.isPresent()) {
            config.add("expectedAnalysis", expectedAnalysis.get().toJson());
        } else {
            config.addProperty("expectedAnalysis", ANY_ANALYSIS);
        }
        return config;
    }

    private static JsonArray urlArray(List<URI> urls) {
        JsonArray array = new JsonArray();
        urls.forEach(url -> array.add(url.toString()));
        return array;
    }

    @Override
    public String toString() {
        StringBuilder pcrs = new StringBuilder();
        expectedPcrs.values().forEach((i, v) -> pcrs.append(pcrs.length() == 0 ? "" : ", ")
                .append(i)
                .append('=')
                .append(HexFormat.of().formatHex(v)));
        return "BackendConfig[enclaveApiUrls="
                + enclaveApiUrls
                + ", healthUrls="
                + healthUrls
                + ", expectedPcrs={"
                + pcrs
                + "}, profile="
                + profile
                + ", maxAge="
                + maxAge
                + ", allowDebug="
                + allowDebug
                + ", region="
                + region
                + ", trustAnchor="
                + (customTrustAnchor ? "custom " + trustAnchor.sha256Hex() : "AWS Nitro Root-G1")
                + ", maxReportSkew="
                + maxReportSkew
                + "]";
    }

    /** Builds a configuration in code; {@link #build()} validates like {@link #fromJson(String)}. */
    public static final class Builder {
        private final List<URI> enclaveApiUrls = new ArrayList<>();
        private final List<URI> healthUrls = new ArrayList<>();
        private final ExpectedPcrs.Builder expectedPcrs = ExpectedPcrs.builder();
        private Profile profile = Profile.SUI;
        private Duration maxAge = DEFAULT_MAX_AGE;
        private boolean allowDebug;
        private ExpectedAnalysis expectedAnalysis;
        private boolean anyAnalysis;
        private String region;
        private TrustAnchor trustAnchor;
        private Duration maxReportSkew = DEFAULT_MAX_REPORT_SKEW;

        private Builder() {}

        /** Adds an enclave API base URL: absolute {@code http} or {@code https} with a host. */
        public Builder enclaveApiUrl(URI url) {
            enclaveApiUrls.add(checkUrl(url, "enclaveApiUrls[" + enclaveApiUrls.size() + "]"));
            return this;
        }

        /** Adds a health URL: absolute {@code http} or {@code https} with a host. */
        public Builder healthUrl(URI url) {
            healthUrls.add(checkUrl(url, "healthUrls[" + healthUrls.size() + "]"));
            return this;
        }

        /** Expects PCR {@code index} (0..31) to equal {@code value} (32, 48 or 64 bytes). */
        public Builder expectPcr(int index, byte[] value) {
            try {
                expectedPcrs.expect(index, value);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new BackendConfigException("expectedPcrs." + index, e.getMessage());
            }
            return this;
        }

        public Builder profile(Profile value) {
            if (value == null) {
                throw new BackendConfigException("profile", "must not be null");
            }
            profile = value;
            return this;
        }

        /** The maximum attestation age: 1 s .. 1 day, whole seconds. */
        public Builder maxAge(Duration value) {
            maxAge = seconds(value, "maxAgeSeconds", 1, MAX_AGE_LIMIT_SECONDS);
            return this;
        }

        public Builder allowDebug(boolean value) {
            allowDebug = value;
            return this;
        }

        /** The AWS region, e.g. {@code us-east-1}, or {@code local} for a local-mode run. */
        public Builder region(String value) {
            if (value == null || !(LOCAL_REGION.equals(value) || isAwsRegion(value))) {
                throw new BackendConfigException(
                        "region", "must be an AWS region name such as us-east-1, or local, got " + quote(value));
            }
            region = value;
            return this;
        }

        /** Trusts {@code anchor} instead of the pinned AWS root (the local development CA only). */
        public Builder trustAnchor(TrustAnchor anchor) {
            if (anchor == null) {
                throw new BackendConfigException("trustAnchorPem", "must not be null");
            }
            trustAnchor = anchor;
            return this;
        }

        /** {@link #trustAnchor} from one PEM certificate (the {@code trustAnchorPem} member). */
        public Builder trustAnchorPem(String pem) {
            if (pem == null) {
                throw new BackendConfigException("trustAnchorPem", "must not be null");
            }
            try {
                return trustAnchor(TrustAnchor.fromPem(pem));
            } catch (IllegalArgumentException e) {
                throw new BackendConfigException("trustAnchorPem", "not a usable PEM certificate: " + e.getMessage());
            }
        }

        /** The allowed report-time skew: 0 .. 10 min, whole seconds. */
        public Builder maxReportSkew(Duration value) {
            maxReportSkew = seconds(value, "maxReportSkewSeconds", 0, MAX_SKEW_LIMIT_SECONDS);
            return this;
        }

        /** Reports must carry exactly this analysis (policy and analyzer identities). */
        public Builder expectAnalysis(ExpectedAnalysis value) {
            expectedAnalysis = Objects.requireNonNull(value, "expectedAnalysis");
            anyAnalysis = false;
            return this;
        }

        /**
         * Accepts reports from any analysis the pinned enclave image runs. Unsafe: the backend then
         * does not know which analyzers decided; PCR0 alone ties them to the image.
         */
        public Builder anyAnalysis() {
            expectedAnalysis = null;
            anyAnalysis = true;
            return this;
        }

        public BackendConfig build() {
            return new BackendConfig(this);
        }

        private static Duration seconds(Duration value, String field, long min, long max) {
            if (value == null) {
                throw new BackendConfigException(field, "must not be null");
            }
            if (value.getNano() != 0 || value.getSeconds() < min || value.getSeconds() > max) {
                throw new BackendConfigException(
                        field, "must be whole seconds in " + min + ".." + max + ", got " + value);
            }
            return value;
        }

        private static URI checkUrl(URI url, String field) {
            if (url == null) {
                throw new BackendConfigException(field, "must not be null");
            }
            String scheme = url.getScheme();
            if (!url.isAbsolute()
                    || !("http".equals(scheme) || "https".equals(scheme))
                    || url.getHost() == null
                    || url.getRawUserInfo() != null
                    || url.getRawQuery() != null
                    || url.getRawFragment() != null) {
                throw new BackendConfigException(
                        field,
                        "must be an http(s) URL with a host and no user info, query or fragment, got "
                                + quote(url.toString()));
            }
            return url;
        }
    }

    // JSON reading.

    private static JsonElement parse(String json, String field) {
        try {
            return StrictJson.parse(json);
        } catch (StrictJson.ShapeException e) {
            throw new BackendConfigException(field, e.getMessage());
        }
    }

    private static JsonObject configObject(JsonElement root) {
        if (!root.isJsonObject()) {
            throw new BackendConfigException("(document)", "must be a JSON object");
        }
        JsonObject object = root.getAsJsonObject();
        if (!object.has(MEMBER)) {
            return object;
        }
        JsonElement member = object.get(MEMBER);
        if (member.isJsonPrimitive() && member.getAsJsonPrimitive().isString()) {
            member = parse(member.getAsString(), MEMBER);
        }
        if (!member.isJsonObject()) {
            throw new BackendConfigException(MEMBER, "must be a JSON object (or that object as a JSON string)");
        }
        return member.getAsJsonObject();
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return '"' + shown + '"';
    }

    /** Field access on the config object, translating shape errors into named config errors. */
    private static final class Fields {
        private final JsonObject config;

        Fields(JsonObject config) {
            this.config = config;
        }

        void onlyKnown() {
            for (String key : config.keySet()) {
                if (!FIELDS.contains(key)) {
                    throw new BackendConfigException(
                            key, "unknown field (known: " + String.join(", ", new TreeSet<>(FIELDS)) + ")");
                }
            }
        }

        /** A member, or null when absent or JSON null. */
        private JsonElement get(String name) {
            JsonElement value = config.get(name);
            return value == null || value.isJsonNull() ? null : value;
        }

        List<URI> urls(String name, boolean required) {
            JsonElement value = get(name);
            if (value == null) {
                if (required) {
                    throw new BackendConfigException(name, "is required");
                }
                return List.of();
            }
            List<URI> urls = new ArrayList<>();
            try {
                JsonArray array = StrictJson.array(value, name);
                for (int i = 0; i < array.size(); i++) {
                    String text = StrictJson.string(array.get(i), name + "[" + i + "]");
                    try {
                        urls.add(new URI(text));
                    } catch (URISyntaxException e) {
                        throw new BackendConfigException(name + "[" + i + "]", "not a URL: " + quote(text));
                    }
                }
            } catch (StrictJson.ShapeException e) {
                throw new BackendConfigException(name, e.getMessage());
            }
            return urls;
        }

        Map<Integer, byte[]> pcrs() {
            JsonElement value = get("expectedPcrs");
            if (value == null) {
                throw new BackendConfigException("expectedPcrs", "is required");
            }
            if (!value.isJsonObject()) {
                throw new BackendConfigException("expectedPcrs", "must be a JSON object of PCR index to hex value");
            }
            TreeMap<Integer, byte[]> pcrs = new TreeMap<>();
            for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
                String field = "expectedPcrs." + entry.getKey();
                if (!PCR_INDEX.matcher(entry.getKey()).matches()) {
                    throw new BackendConfigException(
                            field, "PCR index must be a decimal number 0..31 without sign or leading zeros");
                }
                int index = Integer.parseInt(entry.getKey());
                String hex;
                try {
                    hex = StrictJson.string(entry.getValue(), field);
                } catch (StrictJson.ShapeException e) {
                    throw new BackendConfigException(field, "PCR value must be a hex string");
                }
                if (!HEX.matcher(hex).matches()) {
                    throw new BackendConfigException(
                            field, "PCR value must be hex (pairs of 0-9a-f), got " + quote(hex));
                }
                pcrs.put(index, HexFormat.of().parseHex(hex));
            }
            return pcrs;
        }

        Optional<String> optionalString(String name) {
            JsonElement value = get(name);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(StrictJson.string(value, name));
            } catch (StrictJson.ShapeException e) {
                throw new BackendConfigException(name, "must be a JSON string");
            }
        }

        Optional<Long> optionalInteger(String name, long min, long max) {
            JsonElement value = get(name);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(StrictJson.integer(value, name, min, max));
            } catch (StrictJson.ShapeException e) {
                // StrictJson names the field first; the exception adds it again as its prefix.
                throw new BackendConfigException(
                        name, e.getMessage().replaceFirst("^" + Pattern.quote(name) + " ", ""));
            }
        }

        /** The expected analysis; empty for the written-out {@code "any"}; required. */
        Optional<ExpectedAnalysis> expectedAnalysis() {
            String name = "expectedAnalysis";
            JsonElement value = get(name);
            if (value == null) {
                throw new BackendConfigException(
                        name,
                        "is required: {\"policy\": hex, \"analyzers\": {name: hex}}, or \"any\" (unsafe) to accept any");
            }
            if (value.isJsonPrimitive()
                    && value.getAsJsonPrimitive().isString()
                    && ANY_ANALYSIS.equals(value.getAsString())) {
                return Optional.empty();
            }
            try {
                JsonObject object = StrictJson.object(value, name);
                StrictJson.onlyKeys(object, name, Set.of("policy", "analyzers"));
                byte[] policy = identity(object.get("policy"), name + ".policy");
                JsonObject analyzers = StrictJson.object(object.get("analyzers"), name + ".analyzers");
                Map<String, byte[]> identities = new TreeMap<>();
                for (Map.Entry<String, JsonElement> entry : analyzers.entrySet()) {
                    identities.put(entry.getKey(), identity(entry.getValue(), name + ".analyzers." + entry.getKey()));
                }
                if (identities.isEmpty()) {
                    throw new BackendConfigException(name + ".analyzers", "at least one analyzer identity is required");
                }
                return Optional.of(ExpectedAnalysis.of(policy, identities));
            } catch (StrictJson.ShapeException e) {
                throw new BackendConfigException(name, e.getMessage());
            }
        }

        private static byte[] identity(JsonElement value, String field) {
            String hex;
            try {
                hex = value == null ? null : StrictJson.string(value, field);
            } catch (StrictJson.ShapeException e) {
                hex = null;
            }
            if (hex == null || hex.length() != 64 || !HEX.matcher(hex).matches()) {
                throw new BackendConfigException(field, "must be a SHA-256 as 64 hex digits");
            }
            return HexFormat.of().parseHex(hex);
        }

        Optional<Boolean> optionalBoolean(String name) {
            JsonElement value = get(name);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(StrictJson.bool(value, name));
            } catch (StrictJson.ShapeException e) {
                throw new BackendConfigException(name, "must be true or false");
            }
        }
    }
}
