package dev.provably.nautilus.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Keeps {@code docs/attestation-rules.md}, the tests and the main code in step: every rule the
 * document defines is named by a test ({@link AttestationRule}), every name is a rule, every ID
 * the main code cites exists, and the failure columns and {@link Reason} agree.
 */
class AttestationRulesDocTest {
    /** The document, relative to the module directory (where Maven runs the tests). */
    static final Path DOCUMENT = Path.of("..", "docs", "attestation-rules.md");

    static final Path MAIN_SOURCES = Path.of("src", "main", "java");
    /** A rule row: "| C1 | what the verifier does | failure |". */
    private static final Pattern RULE_ROW = Pattern.compile("^\\|\\s*([A-Z]\\d+)\\s*\\|(.*)\\|([^|]*)\\|\\s*$");

    private static final Pattern RULE_ID = Pattern.compile("[A-Z]\\d{1,2}");
    /** An upper-case word in a failure column, which must then be a Reason. */
    private static final Pattern CODE_WORD = Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");
    /** A citation in main code: "attestation-rules.md C5", "attestation-rules.md X5/X6, T4". */
    private static final Pattern CITATION = Pattern.compile("attestation-rules\\.md((?:[\\s,/–-]+[A-Z]\\d{1,2}\\b)*)");

    /** The citation style of the notes the document replaced: "Rules §3 X2". */
    private static final Pattern OLD_CITATION = Pattern.compile("(?i)rules\\s+§|nitro-attestation-rules\\.md");

    private static SortedMap<String, String> rules;

    @BeforeAll
    static void readDocument() throws IOException {
        assertTrue(
                Files.isRegularFile(DOCUMENT),
                () -> "missing " + DOCUMENT.toAbsolutePath().normalize());
        rules = new TreeMap<>();
        for (String line : Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8)) {
            Matcher row = RULE_ROW.matcher(line);
            if (row.matches()) {
                String previous = rules.put(row.group(1), row.group(3).trim());
                assertEquals(null, previous, () -> "rule " + row.group(1) + " is defined twice");
            }
        }
    }

    @Test
    @DisplayName("the document defines the rule sections the code relies on")
    void documentDefinesRules() {
        for (String first : List.of("C1", "F1", "X1", "T1", "P1")) {
            assertTrue(rules.containsKey(first), () -> "no rule " + first + " in " + DOCUMENT + ": " + rules.keySet());
        }
    }

    @Test
    @DisplayName("every rule in the document is named by at least one test")
    void everyRuleHasATest() throws Exception {
        Map<String, List<String>> testsByRule = testsByRule();
        Set<String> untested = new TreeSet<>(rules.keySet());
        untested.removeAll(testsByRule.keySet());
        assertTrue(untested.isEmpty(), () -> "rules with no @AttestationRule test: " + untested);
    }

    @Test
    @DisplayName("every rule a test names is defined in the document")
    void everyNamedRuleExists() throws Exception {
        Map<String, List<String>> testsByRule = testsByRule();
        Set<String> unknown = new TreeSet<>(testsByRule.keySet());
        unknown.removeAll(rules.keySet());
        assertTrue(
                unknown.isEmpty(),
                () -> "tests name rules the document does not define: "
                        + unknown.stream().collect(Collectors.toMap(id -> id, testsByRule::get)));
    }

    @Test
    @DisplayName("failure columns name only Reason codes, and every Reason is given by some rule")
    void failuresAreReasons() {
        Set<String> reasons = Arrays.stream(Reason.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> unused = new TreeSet<>(reasons);
        rules.forEach((id, failure) -> {
            Matcher word = CODE_WORD.matcher(failure);
            while (word.find()) {
                String code = word.group();
                assertTrue(reasons.contains(code), () -> id + " names " + code + ", which is not a Reason");
                unused.remove(code);
            }
        });
        assertTrue(unused.isEmpty(), () -> "no rule in " + DOCUMENT + " gives " + unused);
    }

    @Test
    @DisplayName("the main code cites rules of the document, never the old section signs")
    void mainCodeCitesDefinedRules() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(MAIN_SOURCES)) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        int citations = 0;
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            assertFalse(
                    OLD_CITATION.matcher(text).find(),
                    () -> source
                            + " cites the old notes or a section sign; cite docs/attestation-rules.md and a rule ID");
            Matcher citation = CITATION.matcher(text);
            while (citation.find()) {
                citations++;
                Matcher id = RULE_ID.matcher(citation.group(1));
                while (id.find()) {
                    String cited = id.group();
                    assertTrue(
                            rules.containsKey(cited),
                            () -> source + " cites " + cited + ", not defined in " + DOCUMENT);
                }
            }
        }
        assertTrue(citations > 0, "no main source cites docs/attestation-rules.md");
    }

    /** Every {@link AttestationRule} on a test method of this module's compiled tests, by rule ID. */
    private static Map<String, List<String>> testsByRule() throws IOException, URISyntaxException {
        Path root = Path.of(AttestationRulesDocTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(root)) {
            classFiles =
                    walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        Map<String, List<String>> tests = new LinkedHashMap<>();
        ClassLoader loader = AttestationRulesDocTest.class.getClassLoader();
        for (Path file : classFiles) {
            String relative = root.relativize(file).toString();
            String name = relative.substring(0, relative.length() - ".class".length())
                    .replace(file.getFileSystem().getSeparator(), ".");
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load compiled test class " + name, e);
            }
            for (Method method : type.getDeclaredMethods()) {
                AttestationRule rule = method.getAnnotation(AttestationRule.class);
                if (rule == null) {
                    continue;
                }
                String test = type.getName() + "#" + method.getName();
                assertTrue(
                        AnnotationSupport.isAnnotated(method, Testable.class),
                        () -> test + " names rules but is not a test method");
                assertTrue(rule.value().length > 0, () -> test + " names no rule");
                for (String id : rule.value()) {
                    tests.computeIfAbsent(id, k -> new ArrayList<>()).add(test);
                }
            }
        }
        return tests;
    }
}
