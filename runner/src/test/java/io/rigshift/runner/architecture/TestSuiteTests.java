package io.rigshift.runner.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CI runs the tests it claims. Surefire runs only classes whose names match its includes (we keep
 * its defaults: {@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}); a JUnit class
 * named otherwise compiles, is never run by {@code mvn verify}, and its failures go unseen. This
 * reads every module's test sources (the runner's working directory is its module folder) and
 * fails on such a class, on a pom that replaces the includes without this test knowing, and on a
 * benchmark (gated by a property, or a main class) that the README does not document.
 */
class TestSuiteTests {

    /** Surefire's default includes, as simple-name patterns. */
    private static final Pattern SUREFIRE_DEFAULT_INCLUDES = Pattern.compile("Test.*|.*Test|.*Tests|.*TestCase");

    /** JUnit Jupiter's annotations that make a method a test. */
    private static final Pattern JUNIT_TEST_METHOD = Pattern.compile(
            "@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> MODULES = List.of("datasets", "jobs", "runner");

    @Test
    void everyJunitClassHasANameSurefireRuns() throws IOException {
        List<String> unrun = new ArrayList<>();
        int testClasses = 0;
        for (Path source : testSources()) {
            String text = Files.readString(source);
            if (JUNIT_TEST_METHOD.matcher(text).find()) {
                testClasses++;
                if (!SUREFIRE_DEFAULT_INCLUDES.matcher(simpleName(source)).matches()) {
                    unrun.add(PROJECT.relativize(source).toString());
                }
            }
        }
        assertTrue(testClasses > 50, "found only " + testClasses + " test classes under " + PROJECT);
        assertEquals(List.of(), unrun, "JUnit classes that mvn verify never runs (name them *Tests)");
    }

    @Test
    void noPomReplacesSurefireIncludes() throws IOException {
        List<String> poms = new ArrayList<>(List.of("pom.xml"));
        MODULES.forEach(module -> poms.add(module + "/pom.xml"));
        for (String pom : poms) {
            String text = Files.readString(PROJECT.resolve(pom));
            assertTrue(!text.contains("<includes>") && !text.contains("<excludes>") && !text.contains("<test>"),
                    pom + " changes which tests Surefire runs: update TestSuiteTests to read its includes");
        }
    }

    @Test
    void everyBenchmarkIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        List<String> undocumented = new ArrayList<>();
        for (Path source : testSources()) {
            if (source.endsWith("TestSuiteTests.java")) {
                continue; // names the gates in its own checks
            }
            String text = Files.readString(source);
            boolean gated = text.contains("EnabledIfSystemProperty") || text.contains("\"rigshift.benchmark\"");
            boolean benchmarkMain = simpleName(source).endsWith("Benchmark") && text.contains("static void main(");
            if ((gated || benchmarkMain) && !readme.contains(simpleName(source))) {
                undocumented.add(simpleName(source));
            }
        }
        assertEquals(List.of(), undocumented, "benchmarks the README does not name (with their command)");
    }

    private static List<Path> testSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String module : MODULES) {
            Path root = PROJECT.resolve(module).resolve("src/test/java");
            assertTrue(Files.isDirectory(root), "no test sources at " + root);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        return sources;
    }

    private static String simpleName(Path source) {
        String file = source.getFileName().toString();
        return file.substring(0, file.length() - ".java".length());
    }
}
