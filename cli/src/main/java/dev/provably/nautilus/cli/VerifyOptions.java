package dev.provably.nautilus.cli;

import dev.provably.nautilus.attestation.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parsed, validated options of {@code verify}. Empty optionals mean "use the verifier's default".
 * Byte arrays are copied in and out.
 */
final class VerifyOptions {
    private final boolean help;
    private final Instant at;
    private final Profile profile;
    private final boolean allowDebug;
    private final boolean anyImage;
    private final SortedMap<Integer, byte[]> pcrs;
    private final Duration maxAge;
    private final byte[] nonce;
    private final byte[] publicKey;
    private final Path root;
    private final List<Path> inputs;

    private VerifyOptions(Builder b) {
        this.help = b.help;
        this.at = b.at;
        this.profile = b.profile;
        this.allowDebug = b.allowDebug;
        this.anyImage = b.anyImage;
        this.pcrs = copy(b.pcrs);
        this.maxAge = b.maxAge;
        this.nonce = b.nonce == null ? null : b.nonce.clone();
        this.publicKey = b.publicKey == null ? null : b.publicKey.clone();
        this.root = b.root;
        this.inputs = List.copyOf(b.inputs);
    }

    /** {@code --help} was given: print the usage and verify nothing. */
    boolean help() {
        return help;
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

    /** {@code --pcr} values by index, ascending. */
    SortedMap<Integer, byte[]> pcrs() {
        return copy(pcrs);
    }

    Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    Optional<byte[]> nonce() {
        return Optional.ofNullable(nonce).map(byte[]::clone);
    }

    Optional<byte[]> publicKey() {
        return Optional.ofNullable(publicKey).map(byte[]::clone);
    }

    /** {@code --root}: a PEM file replacing the AWS Nitro root; empty means the AWS root. */
    Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** Files and directories to verify, in command-line order. */
    List<Path> inputs() {
        return inputs;
    }

    private static SortedMap<Integer, byte[]> copy(SortedMap<Integer, byte[]> source) {
        SortedMap<Integer, byte[]> copy = new TreeMap<>();
        source.forEach((index, value) -> copy.put(index, value.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects options while parsing; mutable, used only by {@link VerifyOptionsParser}. */
    static final class Builder {
        private boolean help;
        private Instant at;
        private Profile profile = Profile.SUI;
        private boolean allowDebug;
        private boolean anyImage;
        private final SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        private Duration maxAge;
        private byte[] nonce;
        private byte[] publicKey;
        private Path root;
        private final List<Path> inputs = new java.util.ArrayList<>();

        Builder help() {
            this.help = true;
            return this;
        }

        Builder at(Instant value) {
            this.at = value;
            return this;
        }

        Builder profile(Profile value) {
            this.profile = value;
            return this;
        }

        Builder allowDebug() {
            this.allowDebug = true;
            return this;
        }

        Builder anyImage() {
            this.anyImage = true;
            return this;
        }

        /** Returns false when the index was already given. */
        boolean pcr(int index, byte[] value) {
            return pcrs.putIfAbsent(index, value.clone()) == null;
        }

        Builder maxAge(Duration value) {
            this.maxAge = value;
            return this;
        }

        Builder nonce(byte[] value) {
            this.nonce = value.clone();
            return this;
        }

        Builder publicKey(byte[] value) {
            this.publicKey = value.clone();
            return this;
        }

        Builder root(Path value) {
            this.root = value;
            return this;
        }

        Builder input(Path value) {
            this.inputs.add(value);
            return this;
        }

        VerifyOptions build() {
            return new VerifyOptions(this);
        }
    }
}
