package dev.provably.nautilus.c2pa;

import co.nstant.in.cbor.model.DataItem;
import dev.provably.nautilus.c2pa.container.ByteRange;
import dev.provably.nautilus.c2pa.container.ContainerException;
import dev.provably.nautilus.c2pa.container.ContainerReader;
import dev.provably.nautilus.c2pa.container.ContainerReader.NamedPart;
import dev.provably.nautilus.c2pa.manifest.Cbor;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Checks the two hard bindings C2PA defines for JPEG and PNG. */
final class HardBindings {
    private HardBindings() {}

    /**
     * {@code c2pa.hash.data}: the hash of the whole file except the exclusion ranges. The ranges must
     * lie inside the file, must not overlap and must cover the embedded manifest store.
     */
    static void dataHash(
            DataItem assertion,
            String defaultAlg,
            byte[] file,
            List<ByteRange> storeRanges,
            String url,
            StatusLog log) {
        String alg = Cbor.text(assertion, "alg").orElse(defaultAlg);
        Optional<MessageDigest> md = Hashes.digest(alg);
        Optional<byte[]> expected = Cbor.get(assertion, "hash").flatMap(Cbor::bytes);
        if (md.isEmpty() || expected.isEmpty()) {
            // As c2pa-rs: a hash that cannot be recomputed does not match.
            log.fail("assertion.dataHash.mismatch", url, "data hash algorithm " + alg + " or hash unusable");
            return;
        }
        List<ByteRange> exclusions = new ArrayList<>();
        for (DataItem e : Cbor.get(assertion, "exclusions").map(Cbor::array).orElse(List.of())) {
            Optional<BigInteger> start = Cbor.get(e, "start").flatMap(Cbor::integer);
            Optional<BigInteger> length = Cbor.get(e, "length").flatMap(Cbor::integer);
            if (start.isEmpty()
                    || length.isEmpty()
                    || start.get().signum() < 0
                    || length.get().signum() < 0
                    || start.get().add(length.get()).compareTo(BigInteger.valueOf(file.length)) > 0) {
                log.fail("assertion.dataHash.malformed", url, "exclusion outside the file");
                return;
            }
            exclusions.add(new ByteRange(start.get().longValue(), length.get().longValue()));
        }
        exclusions.sort(Comparator.comparingLong(ByteRange::start));
        for (int i = 1; i < exclusions.size(); i++) {
            if (exclusions.get(i).start() < exclusions.get(i - 1).end()) {
                log.fail("assertion.dataHash.malformed", url, "exclusions overlap");
                return;
            }
        }
        for (ByteRange store : storeRanges) {
            boolean covered = exclusions.stream().anyMatch(x -> x.start() <= store.start() && x.end() >= store.end());
            if (!covered) {
                log.fail("assertion.dataHash.mismatch", url, "the manifest store is not excluded from the data hash");
                return;
            }
        }
        MessageDigest digest = md.get();
        long at = 0;
        for (ByteRange x : exclusions) {
            digest.update(file, (int) at, (int) (x.start() - at));
            at = x.end();
        }
        digest.update(file, (int) at, (int) (file.length - at));
        if (MessageDigest.isEqual(digest.digest(), expected.get())) {
            log.pass("assertion.dataHash.match", url, "data hash valid");
        } else {
            log.fail("assertion.dataHash.mismatch", url, "data hash does not match the file");
        }
    }

    /**
     * {@code c2pa.hash.boxes}: each entry names consecutive top-level parts of the file, in order,
     * and hashes their bytes; the C2PA part itself is not hashed. Every part must be covered.
     */
    static void boxHash(
            DataItem assertion, String defaultAlg, byte[] file, ContainerReader reader, String url, StatusLog log) {
        List<NamedPart> parts;
        try {
            parts = reader.parts(file);
        } catch (ContainerException e) {
            log.fail("assertion.boxesHash.mismatch", url, e.getMessage());
            return;
        }
        String alg = Cbor.text(assertion, "alg").orElse(defaultAlg);
        int next = 0;
        for (DataItem entry : Cbor.get(assertion, "boxes").map(Cbor::array).orElse(List.of())) {
            List<String> names = Cbor.get(entry, "names").map(Cbor::array).orElse(List.of()).stream()
                    .map(n -> Cbor.text(n).orElse(""))
                    .toList();
            Optional<MessageDigest> md = Hashes.digest(Cbor.text(entry, "alg").orElse(alg));
            Optional<byte[]> expected = Cbor.get(entry, "hash").flatMap(Cbor::bytes);
            if (names.isEmpty() || md.isEmpty() || expected.isEmpty() || next + names.size() > parts.size()) {
                log.fail("assertion.boxesHash.mismatch", url, "box hash entry unusable or past the last part");
                return;
            }
            for (int i = 0; i < names.size(); i++) {
                NamedPart p = parts.get(next + i);
                if (!p.name().equals(names.get(i))) {
                    log.fail(
                            "assertion.boxesHash.mismatch",
                            url,
                            "expected part " + names.get(i) + ", found " + p.name());
                    return;
                }
                if (!p.name().equals("C2PA")) {
                    md.get().update(file, (int) p.range().start(), (int)
                            p.range().length());
                }
            }
            boolean isStore = names.size() == 1 && names.get(0).equals("C2PA");
            if (!isStore && !MessageDigest.isEqual(md.get().digest(), expected.get())) {
                log.fail("assertion.boxesHash.mismatch", url, "box hash does not match " + names);
                return;
            }
            next += names.size();
        }
        if (next != parts.size()) {
            log.fail(
                    "assertion.boxesHash.mismatch",
                    url,
                    "box hash leaves " + (parts.size() - next) + " parts uncovered");
            return;
        }
        log.pass("assertion.boxesHash.match", url, "box hash valid");
    }
}
