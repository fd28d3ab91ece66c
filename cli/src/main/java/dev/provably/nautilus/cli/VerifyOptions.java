package dev.provably.nautilus.cli;

import dev.provably.nautilus.attestation.ExpectedPcrs;
import dev.provably.nautilus.attestation.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of {@code verify}, as picocli reads them (their descriptions are the command's help).
 * Empty optionals mean "use the verifier's default". Byte arrays are copied out.
 */
final class VerifyOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            converter = Converters.Instant.class,
            description = "verify at TIME: epoch milliseconds or an ISO-8601 instant (default: now)")
    private Instant at;

    @Option(
            names = "--profile",
            paramLabel = "sui|nsm",
            converter = ProfileConverter.class,
            description = "size rules for public_key, user_data and nonce (default: sui)")
    private Profile profile = Profile.SUI;

    @Option(names = "--allow-debug", description = "accept debug-mode enclaves (PCR0 all zero); rejected by default")
    private boolean allowDebug;

    @Option(
            names = "--pcr",
            paramLabel = "N=HEX",
            converter = Pcr.Converter.class,
            description = "require PCR N (0..31) to equal HEX; repeatable. At least one --pcr or --any-image"
                    + " is required")
    private List<Pcr> pcrList = new ArrayList<>();

    @Option(names = "--any-image", description = "UNSAFE for trust decisions: pin no PCR, accept any enclave image")
    private boolean anyImage;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            converter = Converters.PositiveDuration.class,
            description = "oldest accepted document, ISO-8601 (default: PT5M)")
    private Duration maxAge;

    @Option(
            names = "--nonce",
            paramLabel = "HEX",
            converter = Converters.Hex.class,
            description = "require the document's nonce to equal HEX")
    private HexBytes nonce;

    @Option(
            names = "--public-key",
            paramLabel = "HEX",
            converter = Converters.Hex.class,
            description = "require the document's public_key to equal HEX")
    private HexBytes publicKey;

    @Option(
            names = "--root",
            paramLabel = "PEM-FILE",
            converter = Converters.NonEmptyPath.class,
            description = "trust this root certificate instead of the AWS Nitro Enclaves Root-G1 (e.g. the"
                    + " local development CA)")
    private Path root;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "0..*",
            converter = Converters.NonEmptyPath.class,
            description = "documents to verify; a DIR stands for every regular file directly inside it,"
                    + " sorted by name; - reads one document from standard input")
    private List<Path> inputs = new ArrayList<>();

    /** Throws the usage error for options that are each valid but do not fit together. */
    void check() {
        if (inputs.isEmpty()) {
            throw CommandLines.usageError(spec, "no input: give one or more files or directories to verify");
        }
        pcrs();
        if (pcrList.isEmpty() && !anyImage) {
            throw CommandLines.usageError(
                    spec,
                    "say which enclave image to trust: --pcr 0=HEX (and 1, 2), or"
                            + " --any-image to accept a genuine document from any enclave image (for inspection only)");
        }
        if (!pcrList.isEmpty() && anyImage) {
            throw CommandLines.usageError(spec, "--any-image contradicts --pcr: give one or the other");
        }
    }

    /** {@code --at}; empty means the system clock. */
    Optional<Instant> at() {
        return Optional.ofNullable(at);
    }

    Profile profile() {
        return profile;
    }

    boolean allowDebug() {
        return allowDebug;
    }

    /** {@code --any-image}: no PCR pinned, written out by the caller. */
    boolean anyImage() {
        return anyImage;
    }

    /**
     * The {@code --pcr} values, under the one PCR rule: the converter checked index and length, so
     * the only refusal left is a repeated index, a usage error.
     */
    ExpectedPcrs pcrs() {
        ExpectedPcrs.Builder pins = ExpectedPcrs.builder();
        for (Pcr pcr : pcrList) {
            try {
                pins.expect(pcr.index(), pcr.value());
            } catch (IllegalArgumentException e) {
                throw CommandLines.usageError(spec, "--pcr " + pcr.index() + " given more than once");
            }
        }
        return pins.build();
    }

    Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    Optional<byte[]> nonce() {
        return Optional.ofNullable(nonce).map(HexBytes::bytes);
    }

    Optional<byte[]> publicKey() {
        return Optional.ofNullable(publicKey).map(HexBytes::bytes);
    }

    /** {@code --root}: a PEM file replacing the AWS Nitro root; empty means the AWS root. */
    Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** Files and directories to verify, in command-line order. */
    List<Path> inputs() {
        return List.copyOf(inputs);
    }

    /** {@code sui} or {@code nsm}, in any case. */
    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "sui" -> Profile.SUI;
                case "nsm" -> Profile.NSM;
                default -> throw new TypeConversionException("wants 'sui' or 'nsm', got '" + value + "'");
            };
        }
    }
}
