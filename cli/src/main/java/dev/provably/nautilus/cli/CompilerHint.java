package dev.provably.nautilus.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * On one core, a run over many documents spends about half its CPU in the C2 compiler (measured:
 * 4.1 s with C2 against 2.1 s with {@code -XX:TieredStopAtLevel=1} for 1,500 documents, ACCP doing
 * the P-384 work), and the plain {@code java -jar} command cannot carry JVM flags. So the CLI adds a
 * HotSpot compiler directive (JEP 165, as {@code jcmd Compiler.directives_add} does) that keeps
 * C2 out: methods stay with C1. Only a speed hint for this CLI process: if the JVM does not offer
 * the diagnostic command, nothing changes.
 */
final class CompilerHint {
    /** Measured to pay for the management set-up it needs (about 0.1-0.3 s) from here on. */
    static final int FROM_DOCUMENTS = 100;

    private static final String C1_ONLY = "[{ match: \"*.*\", c2: { Exclude: true } }]";

    private CompilerHint() {}

    /** C1 only, when this JVM has one processor and the run is long enough to gain from it. */
    static void c1OnlyOnOneCore(int documents) {
        if (documents < FROM_DOCUMENTS || Runtime.getRuntime().availableProcessors() != 1) {
            return;
        }
        Path directives = null;
        try {
            directives = Files.createTempFile("nautilus-c1-only", ".json");
            Files.writeString(directives, C1_ONLY, StandardCharsets.US_ASCII);
            ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "compilerDirectivesAdd",
                            new Object[] {new String[] {directives.toString()}},
                            new String[] {String[].class.getName()});
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            // Not HotSpot, no jdk.management, no temporary directory: the run is only slower.
        } finally {
            if (directives != null) {
                try {
                    Files.deleteIfExists(directives);
                } catch (IOException e) {
                    directives.toFile().deleteOnExit();
                }
            }
        }
    }
}
