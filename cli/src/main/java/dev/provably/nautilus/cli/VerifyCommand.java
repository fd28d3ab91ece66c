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

/**
 * {@code verify [options] FILE|DIR...}: verifies Nitro attestation documents and prints one JSON line
 * per document. Exit status 0 when all are valid, 1 when any is rejected, 2 on a usage error.
 */
final class VerifyCommand implements Command {
    /**
     * Below this many documents the CLI verifies with BouncyCastle: loading ACCP (unpacking and
     * self-testing its native library) costs about 0.4 s of CPU once, which its faster P-384 earns
     * back only after about 100 documents (measured on one core, bench/README.md). The
     * nautilus.signatureBackend system property, when set, decides instead.
     */
    static final int ACCP_FROM_DOCUMENTS = 100;

    static final String USAGE = String.join("\n",
            "usage: java -jar " + Main.PROGRAM + ".jar verify [options] FILE|DIR...",
            "",
            "Verifies AWS Nitro Enclaves attestation documents (COSE_Sign1, ES384) and prints one JSON",
            "object per document and line. A FILE holds one document: raw CBOR, hex or base64 text",
            "(detected; hex may start with 0x). A DIR stands for every regular file directly inside it,",
            "sorted by name; - reads one document from standard input.",
            "",
            "options:",
            "  --at TIME            verify at TIME: epoch milliseconds or an ISO-8601 instant",
            "                       (default: now)",
            "  --profile sui|nsm    size rules for public_key, user_data and nonce (default: sui)",
            "  --allow-debug        accept debug-mode enclaves (PCR0 all zero); rejected by default",
            "  --pcr N=HEX          require PCR N (0..31) to equal HEX; repeatable. At least one --pcr",
            "                       or --any-image is required",
            "  --any-image          UNSAFE for trust decisions: pin no PCR, accept any enclave image",
            "  --max-age DURATION   oldest accepted document, ISO-8601 (default: PT5M)",
            "  --nonce HEX          require the document's nonce to equal HEX",
            "  --public-key HEX     require the document's public_key to equal HEX",
            "  --root PEM-FILE      trust this root certificate instead of the AWS Nitro Enclaves",
            "                       Root-G1 (e.g. the local development CA)",
            "  --help               print this help",
            "",
            "exit status: 0 all documents valid, 1 any rejected, 2 usage error",
            "");

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "verify attestation documents and print one JSON line per document";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        CommandRun run = new CommandRun(name(), in, out, err);
        VerifyOptions options;
        AttestationVerifier.Builder builder;
        try {
            options = VerifyOptionsParser.parse(args);
            if (options.help()) {
                return run.help(USAGE);
            }
            builder = builder(options);
        } catch (UsageException e) {
            return run.usageError(e);
        }
        Expectations expectations = expectations(options);
        List<Integer> checkedPcrs = List.copyOf(options.pcrs().keySet());
        return run.checkEach("documents", options.inputs(), count -> {
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

    private static boolean verifyOne(AttestationVerifier verifier, Expectations expectations,
            InputFiles.Entry entry, JsonLineWriter lines) throws IOException {
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

    private static AttestationVerifier.Builder builder(VerifyOptions options) throws UsageException {
        AttestationVerifier.Builder builder = AttestationVerifier.builder()
                .profile(options.profile())
                .allowDebug(options.allowDebug())
                .clock(options.at().map(at -> Clock.fixed(at, ZoneOffset.UTC)).orElseGet(Clock::systemUTC));
        options.maxAge().ifPresent(builder::maxAge);
        options.pcrs().forEach(builder::expectPcr);
        if (options.anyImage()) {
            builder.anyEnclaveImage();
        }
        if (options.root().isPresent()) {
            builder.trustAnchor(anchor(options.root().get()));
        }
        return builder;
    }

    private static TrustAnchor anchor(Path pem) throws UsageException {
        try {
            return TrustAnchor.fromPemFile(pem);
        } catch (IOException e) {
            throw new UsageException("--root: cannot read " + pem + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--root: " + pem + " is not a PEM certificate: " + e.getMessage());
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
