package dev.provably.nautilus.c2pa;

import co.nstant.in.cbor.model.DataItem;
import dev.provably.nautilus.c2pa.container.ContainerException;
import dev.provably.nautilus.c2pa.container.ContainerReader;
import dev.provably.nautilus.c2pa.container.EmbeddedStore;
import dev.provably.nautilus.c2pa.crypto.ClaimSignatureVerifier;
import dev.provably.nautilus.c2pa.crypto.SignatureOutcome;
import dev.provably.nautilus.c2pa.crypto.TrustAnchors;
import dev.provably.nautilus.c2pa.jumbf.JumbfException;
import dev.provably.nautilus.c2pa.jumbf.JumbfParser;
import dev.provably.nautilus.c2pa.jumbf.JumbfTypes;
import dev.provably.nautilus.c2pa.jumbf.SuperBox;
import dev.provably.nautilus.c2pa.manifest.Cbor;
import dev.provably.nautilus.c2pa.manifest.Claim;
import dev.provably.nautilus.c2pa.manifest.HashedUri;
import dev.provably.nautilus.c2pa.manifest.JumbfUri;
import dev.provably.nautilus.c2pa.manifest.ManifestException;
import dev.provably.nautilus.cbor.CborFormatException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Validates the C2PA manifest store of a JPEG or PNG file: the active manifest (the last in the
 * store), its claim signature, hashed URIs, exactly one hard binding, and the ingredient manifests
 * it references (each manifest of the store at most once, so no unbounded recursion).
 *
 * <p>Thread-safe and stateless between calls; construct once (the BouncyCastle provider instance is
 * private to the validator, never registered globally).
 */
public final class C2paValidator {
    /** Resource limits for one file. */
    public record Limits(int maxStoreBytes, int maxAssertions, int maxManifests) {
        public static final Limits DEFAULT = new Limits(16 << 20, 2_000, 100);
    }

    private final ClaimSignatureVerifier signatures;
    private final Limits limits;

    public C2paValidator(TrustAnchors anchors) {
        this(anchors, Limits.DEFAULT, Clock.systemUTC());
    }

    public C2paValidator(TrustAnchors anchors, Limits limits, Clock clock) {
        this.signatures = new ClaimSignatureVerifier(new BouncyCastleProvider(), anchors, clock);
        this.limits = limits;
    }

    /** Validates {@code file} of {@code mediaType} ({@code image/jpeg} or {@code image/png}). Never throws on bad input. */
    public C2paResult validate(byte[] file, String mediaType) {
        Optional<ContainerReader> reader = ContainerReader.forMediaType(mediaType, limits.maxStoreBytes());
        if (reader.isEmpty()) {
            return C2paResult.none(false, "unsupported media type " + mediaType);
        }
        EmbeddedStore embedded;
        try {
            Optional<EmbeddedStore> found = reader.get().findStore(file);
            if (found.isEmpty()) {
                return C2paResult.none(false, null);
            }
            embedded = found.get();
        } catch (ContainerException e) {
            // A file we cannot walk may or may not carry C2PA; segment and store errors mean it does.
            boolean present = e.kind() != ContainerException.Kind.NOT_THIS_FORMAT
                    && e.kind() != ContainerException.Kind.TRUNCATED;
            return malformed(e.kind().name(), e.getMessage(), present);
        }
        SuperBox store;
        try {
            store = JumbfParser.parseManifestStore(embedded.jumbf(), JumbfParser.DEFAULT_LIMITS);
        } catch (JumbfException e) {
            return malformed(e.kind().name(), e.getMessage(), true);
        }
        List<SuperBox> manifests = store.superBoxes().stream()
                .filter(m -> m.type().equals(JumbfTypes.MANIFEST) || m.type().equals(JumbfTypes.UPDATE_MANIFEST))
                .toList();
        if (manifests.isEmpty() || manifests.size() > limits.maxManifests()) {
            return malformed("MANIFESTS", "the store holds " + manifests.size() + " manifests", true);
        }
        Run run = new Run(file, store, embedded, reader.get());
        return run.validateActive(manifests.get(manifests.size() - 1));
    }

    private static C2paResult malformed(Object kind, String message, boolean present) {
        StatusCode code = new StatusCode("general.error", "self#jumbf=/c2pa", kind + ": " + message);
        if (!present) {
            return C2paResult.none(false, kind + ": " + message);
        }
        return new C2paResult(
                true,
                ValidationState.INVALID,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(code),
                List.of(),
                List.of(),
                Optional.of(kind + ": " + message));
    }

    /** One validation: the file, its store, and which manifests were already visited. */
    private final class Run {
        private final byte[] file;
        private final SuperBox store;
        private final EmbeddedStore embedded;
        private final ContainerReader reader;
        private final Set<String> visited = new HashSet<>();
        private final List<String> ingredientSourceTypes = new ArrayList<>();
        private final List<StatusCode> ingredientFailures = new ArrayList<>();

        Run(byte[] file, SuperBox store, EmbeddedStore embedded, ContainerReader reader) {
            this.file = file;
            this.store = store;
            this.embedded = embedded;
            this.reader = reader;
        }

        C2paResult validateActive(SuperBox manifest) {
            StatusLog log = new StatusLog();
            Checked checked = check(manifest, true, log);
            List<StatusCode> failures = new ArrayList<>(log.failures);
            failures.addAll(ingredientFailures);
            boolean invalid = failures.stream().anyMatch(f -> !f.code().equals("signingCredential.untrusted"));
            ValidationState state = invalid
                    ? ValidationState.INVALID
                    : log.successes.stream().anyMatch(s -> s.code().equals("signingCredential.trusted"))
                            ? ValidationState.TRUSTED
                            : ValidationState.VALID;
            return new C2paResult(
                    true,
                    state,
                    manifest.label(),
                    checked.generator,
                    checked.signer,
                    checked.signingTime,
                    checked.sourceTypes,
                    ingredientSourceTypes,
                    failures,
                    log.successes,
                    log.informational,
                    Optional.empty());
        }

        private record Checked(
                Optional<String> generator,
                Optional<Signer> signer,
                Optional<java.time.Instant> signingTime,
                List<String> sourceTypes) {}

        private Checked check(SuperBox manifest, boolean active, StatusLog log) {
            String label = manifest.label().orElse("");
            visited.add(label);
            String base = "self#jumbf=/c2pa/" + label;
            Optional<SuperBox> claimBox = manifest.childOfType(JumbfTypes.CLAIM);
            if (claimBox.isEmpty() || claimBox.get().firstContent().isEmpty()) {
                log.fail("claim.missing", base, "manifest has no claim");
                return new Checked(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
            }
            Claim claim;
            try {
                claim = Claim.parse(
                        claimBox.get().label().orElse(""),
                        claimBox.get().firstContent().get().payload(),
                        limits.maxAssertions());
            } catch (ManifestException e) {
                log.fail(e.code(), base + "/" + claimBox.get().label().orElse(""), e.getMessage());
                return new Checked(Optional.empty(), Optional.empty(), Optional.empty(), List.of());
            }
            String claimAlg = claim.alg().orElse("sha256");

            // Claim signature.
            Optional<SuperBox> sigBox = JumbfUri.resolve(claim.signatureUrl(), store, manifest)
                    .filter(b -> b.type().equals(JumbfTypes.SIGNATURE));
            Optional<Signer> signer = Optional.empty();
            Optional<java.time.Instant> time = Optional.empty();
            String sigUrl = base + "/c2pa.signature";
            if (sigBox.isEmpty() || sigBox.get().firstContent().isEmpty()) {
                log.fail("claimSignature.missing", sigUrl, "claim signature box missing");
                log.fail("claimSignature.mismatch", sigUrl, "claim signature could not be verified");
                log.fail("signingCredential.untrusted", sigUrl, "signing certificate untrusted");
            } else {
                SignatureOutcome outcome =
                        signatures.verify(sigBox.get().firstContent().get().payload(), claim.bytes());
                outcome.failures().forEach(f -> log.fail(f[0], sigUrl, f[1]));
                outcome.successes().forEach(s -> log.pass(s[0], sigUrl, s[1]));
                outcome.informational().forEach(i -> log.inform(i[0], sigUrl, i[1]));
                time = outcome.signingTime();
                signer = outcome.signer().map(c -> {
                    X500Name subject =
                            X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
                    return new Signer(
                            attribute(subject, BCStyle.O),
                            attribute(subject, BCStyle.CN),
                            c.getIssuerX500Principal().getName(),
                            outcome.algorithm().map(Enum::name).orElse(""));
                });
            }

            // Hashed URIs, then what the assertions say.
            List<String> sourceTypes = new ArrayList<>();
            java.util.Map<String, byte[]> boxHashes = new java.util.HashMap<>();
            Set<String> readOnce = new HashSet<>();
            int hardBindings = 0;
            for (HashedUri ref : claim.assertions()) {
                String url = absolute(ref.url(), base);
                Optional<SuperBox> box = JumbfUri.resolve(ref.url(), store, manifest);
                if (box.isEmpty()) {
                    log.fail("assertion.missing", url, "assertion not found: " + ref.url());
                    continue;
                }
                // An unknown algorithm cannot confirm the hash: a mismatch, as c2pa-rs reports it. Each
                // (box, algorithm) is hashed once, so a claim naming one large box many times stays cheap.
                String alg = ref.alg().orElse(claimAlg);
                Optional<MessageDigest> md = Hashes.digest(alg);
                boolean hashHolds = md.isPresent()
                        && MessageDigest.isEqual(
                                boxHashes.computeIfAbsent(url + "\n" + alg, k -> Hashes.ofBox(md.get(), box.get())),
                                ref.hash());
                if (hashHolds) {
                    log.pass("assertion.hashedURI.match", url, "hashed uri matched: " + ref.url());
                } else {
                    log.fail(
                            "assertion.hashedURI.mismatch",
                            url,
                            "hash does not match assertion data: " + ref.url()
                                    + (md.isEmpty()
                                            ? " (unknown algorithm " + ref.alg().orElse(claimAlg) + ")"
                                            : ""));
                }
                String assertionLabel = baseLabel(box.get().label().orElse(""));
                boolean binding = assertionLabel.equals("c2pa.hash.data")
                        || assertionLabel.equals("c2pa.hash.boxes")
                        || assertionLabel.startsWith("c2pa.hash.bmff");
                if (binding) {
                    hardBindings++;
                }
                if (!readOnce.add(url)) {
                    continue; // a repeated reference: its content was read already
                }
                boolean actions = assertionLabel.equals("c2pa.actions") || assertionLabel.equals("c2pa.actions.v2");
                Optional<DataItem> content = cbor(box.get());
                if (content.isEmpty()) {
                    if (binding) {
                        log.fail("assertion.cbor.invalid", url, "hard binding is not CBOR");
                    } else if (actions) {
                        log.fail("assertion.action.malformed", url, "actions assertion is not CBOR");
                    }
                    continue;
                }
                if (actions) {
                    Optional<DataItem> list = Cbor.get(content.get(), "actions").filter(Cbor::isArray);
                    // Every action is named; in v2 the first action is c2pa.created or c2pa.opened, and
                    // c2pa.created says its digitalSourceType.
                    boolean v2 = assertionLabel.equals("c2pa.actions.v2");
                    List<DataItem> items = list.map(Cbor::array).orElse(List.of());
                    boolean wellFormed = list.isPresent()
                            && items.stream()
                                    .allMatch(a -> Cbor.text(a, "action").isPresent()
                                            && !(v2
                                                    && Cbor.text(a, "action")
                                                            .get()
                                                            .equals("c2pa.created")
                                                    && Cbor.text(a, "digitalSourceType")
                                                            .isEmpty()))
                            && !(v2
                                    && !items.isEmpty()
                                    && !Cbor.text(items.get(0), "action")
                                            .filter(n -> n.equals("c2pa.created") || n.equals("c2pa.opened"))
                                            .isPresent());
                    if (!wellFormed) {
                        log.fail("assertion.action.malformed", url, "actions assertion lacks actions or action names");
                    }
                    for (DataItem action : list.map(Cbor::array).orElse(List.of())) {
                        Cbor.text(action, "digitalSourceType").ifPresent(sourceTypes::add);
                    }
                } else if (assertionLabel.startsWith("c2pa.ingredient")) {
                    ingredient(content.get(), url);
                } else if (active && hardBindings == 1 && assertionLabel.equals("c2pa.hash.data")) {
                    HardBindings.dataHash(content.get(), claimAlg, file, embedded.ranges(), url, log);
                } else if (active && hardBindings == 1 && assertionLabel.equals("c2pa.hash.boxes")) {
                    HardBindings.boxHash(content.get(), claimAlg, file, reader, url, log);
                } else if (active && assertionLabel.startsWith("c2pa.hash.bmff")) {
                    log.fail("algorithm.unsupported", url, "BMFF hash in a JPEG or PNG file");
                }
            }
            if (active && hardBindings == 0) {
                log.fail("claim.hardBindings.missing", base + "/c2pa.claim", "no hard binding");
            } else if (hardBindings > 1) {
                log.fail("assertion.multipleHardBindings", base + "/c2pa.claim", hardBindings + " hard bindings");
            }
            return new Checked(Optional.of(claim.generator()), signer, time, sourceTypes);
        }

        /** An ingredient's manifest must be in the store; it is validated once, as a non-active manifest. */
        private void ingredient(DataItem ingredient, String url) {
            Optional<HashedUri> ref = Cbor.get(ingredient, "active_manifest")
                    .or(() -> Cbor.get(ingredient, "c2pa_manifest"))
                    .flatMap(HashedUri::from);
            if (ref.isEmpty()) {
                return; // an ingredient without provenance
            }
            Optional<String> label = JumbfUri.manifestLabel(ref.get().url());
            Optional<SuperBox> target = label.flatMap(store::child);
            if (target.isEmpty()) {
                ingredientFailures.add(new StatusCode(
                        "ingredient.manifest.missing", label.orElse(ref.get().url()), "ingredient manifest missing"));
                return;
            }
            if (visited.contains(label.get())) {
                return;
            }
            StatusLog log = new StatusLog();
            Checked checked = check(target.get(), false, log);
            ingredientSourceTypes.addAll(checked.sourceTypes);
            log.failures.stream()
                    .filter(f -> !f.code().equals("signingCredential.untrusted"))
                    .forEach(ingredientFailures::add);
        }

        private static Optional<DataItem> cbor(SuperBox assertion) {
            return assertion.firstContent().filter(c -> c.type().equals("cbor")).flatMap(c -> {
                try {
                    return Optional.of(Cbor.decode(c.payload()));
                } catch (CborFormatException e) {
                    return Optional.empty();
                }
            });
        }
    }

    private static String absolute(String url, String base) {
        return url.startsWith("self#jumbf=/") ? url : base + "/" + url.substring("self#jumbf=".length());
    }

    /** Strips a multiple-instance suffix: {@code c2pa.ingredient__1} is a {@code c2pa.ingredient}. */
    private static String baseLabel(String label) {
        int i = label.lastIndexOf("__");
        return i > 0 && label.substring(i + 2).chars().allMatch(Character::isDigit) ? label.substring(0, i) : label;
    }

    private static Optional<String> attribute(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        RDN[] rdns = name.getRDNs(oid);
        return rdns.length == 0
                ? Optional.empty()
                : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }
}
