package dev.provably.nautilus.cli;

import dev.provably.nautilus.attestation.AttestationVerifier;
import dev.provably.nautilus.attestation.Expectations;
import dev.provably.nautilus.attestation.SignatureBackend;
import dev.provably.nautilus.attestation.TrustAnchor;
import dev.provably.nautilus.attestation.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code verify [options] FILE|DIR...}: verifies Nitro attestation documents and prints one JSON line
 * per document. Exit status 0 when all are valid, 1 when any is rejected, 2 on a usage error.
 */
@Command(
        name = "verify",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "verify attestation documents and print one JSON line per document",
        descriptionHeading = "%n",
        description = {
            "Verifies AWS Nitro Enclaves attestation documents (COSE_Sign1, ES384) and prints one JSON"
                    + " object per document and line. A FILE holds one document: raw CBOR, hex or base64 text"
                    + " (detected; hex may start with 0x). A DIR stands for every regular file directly inside it,"
                    + " sorted by name; - reads one document from standard input."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all documents valid", "1:any rejected", "2:usage error"})
final class VerifyCommand implements Callable<Integer> {
    /**
     * Below this many documents the CLI verifies with BouncyCastle: loading ACCP (unpacking and
     * self-testing its native library) costs about 0.4 s of CPU once, which its faster P-384 earns
     * back only after about 100 documents (measured on one core, bench/README.md). The
     * nautilus.signatureBackend system property, when set, decides instead.
     */
    static final int ACCP_FROM_DOCUMENTS = 100;

    private final InputStream in;
    private final PrintStream out;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerifyOptions options;

    VerifyCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() {
        options.check();
        AttestationVerifier.Builder builder = builder(options);
        Expectations expectations = expectations(options);
        List<Integer> checkedPcrs = List.copyOf(options.pcrs().values().keySet());
        return new CommandRun(spec, in, out).checkEach("documents", options.inputs(), count -> {
            CompilerHint.c1OnlyOnOneCore(count);
            AttestationVerifier verifier = withBackendFor(builder, count).build();
            return (entry, writer) -> verifyOne(verifier, expectations, entry, new JsonLineWriter(writer, checkedPcrs));
        });
    }

    /** BouncyCastle for a few documents (no ACCP start-up), else the library's default choice. */
    static AttestationVerifier.Builder withBackendFor(AttestationVerifier.Builder builder, int documents) {
        String forced = System.getProperty("nautilus.signatureBackend");
        if ((forced == null || forced.isEmpty()) && documents < ACCP_FROM_DOCUMENTS) {
            builder.signatureBackend(SignatureBackend.BOUNCY_CASTLE);
        }
        return builder;
    }

    private static boolean verifyOne(
            AttestationVerifier verifier, Expectations expectations, InputFiles.Entry entry, JsonLineWriter lines)
            throws IOException {
        String file = entry.path().toString();
        try {
            byte[] document = entry.document();
            lines.accepted(file, verifier.verify(document, expectations));
            return true;
        } catch (InputException e) {
            lines.rejected(file, e.code(), e.getMessage());
        } catch (VerificationException e) {
            lines.rejected(file, e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            // A VerifierFault (or anything else unchecked) is a bug, not a verdict. Fail closed for
            // this document and keep going with the others.
            lines.rejected(file, "INTERNAL_ERROR", e.toString());
        }
        return false;
    }

    private AttestationVerifier.Builder builder(VerifyOptions options) {
        AttestationVerifier.Builder builder = AttestationVerifier.builder()
                .profile(options.profile())
                .allowDebug(options.allowDebug())
                .clock(options.at().map(at -> Clock.fixed(at, ZoneOffset.UTC)).orElseGet(Clock::systemUTC));
        options.maxAge().ifPresent(builder::maxAge);
        builder.expectPcrs(options.pcrs());
        if (options.anyImage()) {
            builder.anyEnclaveImage();
        }
        if (options.root().isPresent()) {
            builder.trustAnchor(anchor(options.root().get()));
        }
        return builder;
    }

    private TrustAnchor anchor(Path pem) {
        try {
            return TrustAnchor.fromPemFile(pem);
        } catch (IOException e) {
            throw CommandLines.usageError(
                    spec, "--root: cannot read " + pem + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw CommandLines.usageError(spec, "--root: " + pem + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private static Expectations expectations(VerifyOptions options) {
        Expectations expectations = Expectations.none();
        if (options.nonce().isPresent()) {
            expectations = expectations.withNonce(options.nonce().get());
        }
        if (options.publicKey().isPresent()) {
            expectations = expectations.withPublicKey(options.publicKey().get());
        }
        return expectations;
    }
}
