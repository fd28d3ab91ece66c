package dev.provably.nautilus.enclave;

import dev.provably.nautilus.enclave.analysis.AnalysisRun;
import dev.provably.nautilus.enclave.analysis.Analyzer;
import dev.provably.nautilus.report.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code analyze FILE...}: runs the analyzers this jar ships and the verdict policy over local
 * files and prints what they found, with the identities a verifier would pin. Nothing is signed:
 * this shows the analysis, for developers and for reading identities off a build.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        header = "the shipped analyzers and verdict policy over local files (nothing signed; prints the identities)")
final class AnalyzeCommand implements Callable<Integer> {
    /** The same bound as the enclave API's default request body. */
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private final PrintStream out;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "media files to analyze")
    List<String> files = List.of();

    AnalyzeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (files.isEmpty()) {
            throw new UsageException("analyze needs at least one FILE");
        }
        AnalysisRun run = AnalysisRun.shipped();
        HexFormat hex = HexFormat.of();
        out.println("policy " + hex.formatHex(run.policy().identity()));
        for (Analyzer analyzer : run.analyzers()) {
            out.println("analyzer " + analyzer.name() + " " + analyzer.version() + " "
                    + hex.formatHex(analyzer.identity()));
        }
        for (String file : files) {
            byte[] media = read(Path.of(file));
            AnalysisRun.Analysis analysis = run.analyze(media);
            out.println();
            out.println(file + ": " + analysis.decision().verdict() + " (rule "
                    + analysis.decision().rule() + "; detected "
                    + analysis.detectedType().mediaType() + ", " + media.length + " bytes)");
            for (Finding f : analysis.decision().deciding()) {
                out.println("  decided by " + f.key() + " = " + f.value());
            }
            for (AnalysisRun.Outcome o : analysis.outcomes()) {
                out.println("  " + o.analyzer().name() + ": " + o.result().label()
                        + (o.result().scoreBps().isPresent()
                                ? ", score " + o.result().scoreBps().getAsInt() + " bps"
                                : "")
                        + String.format(", %.1f ms", o.nanos() / 1e6));
                for (Finding f : o.result().findings()) {
                    out.println("    " + f.key() + " = " + f.value());
                }
            }
        }
        return 0;
    }

    private static byte[] read(Path path) throws IOException, UsageException {
        if (!Files.isRegularFile(path)) {
            throw new UsageException("not a file: " + path);
        }
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new UsageException(path + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readAllBytes(path);
    }
}
