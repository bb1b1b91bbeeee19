package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one benchmark's figures into {@code docs/performance.md}.
 *
 * <p>Each benchmark owns a section between {@code <!-- begin:NAME -->} and {@code <!-- end:NAME -->}. Writing a
 * section replaces only that section (or appends it when it is new), so benchmarks can be rerun one at a time
 * and the hand-written text around them stays.
 *
 * <p>Benchmarks are JUnit tests tagged {@value #TAG}; the normal test run excludes them. Run them with
 * {@code mvn -B -f central-build/pom.xml verify -Dbenchmarks} (see {@code docs/performance.md}).
 */
public final class PerformanceReport {

    /** The JUnit tag of benchmarks. */
    public static final String TAG = "benchmark";

    private static final String HEADER = "# Performance\n\n"
            + "Figures measured by the benchmarks in `src/test/java` (JUnit tests tagged `benchmark`, left out of the\n"
            + "normal test run). Rerun all of them with\n\n"
            + "```\nmvn -B -f central-build/pom.xml verify -Dbenchmarks\n```\n\n"
            + "Each section says which benchmark wrote it, on what machine, and when.\n";

    private final Path file;

    private PerformanceReport(Path file) {
        this.file = file;
    }

    /** @return the report in the project's {@code docs/performance.md} */
    public static PerformanceReport project() {
        return at(Path.of(System.getProperty("environments.root", System.getProperty("user.dir")))
                .resolve("docs/performance.md"));
    }

    /** @return a report at any file, for tests of this class */
    public static PerformanceReport at(Path file) {
        return new PerformanceReport(file);
    }

    /**
     * Replaces or appends a section.
     *
     * @param name the section's name, letters, digits and dashes
     * @param markdown the section's text, starting with its own heading
     */
    public void writeSection(String name, String markdown) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("section name must be lower-case letters, digits and dashes: " + name);
        }
        String begin = "<!-- begin:" + name + " -->";
        String end = "<!-- end:" + name + " -->";
        String block = begin + "\n" + markdown.strip() + "\n" + end;
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
            Matcher m = Pattern.compile(Pattern.quote(begin) + ".*?" + Pattern.quote(end), Pattern.DOTALL)
                    .matcher(text);
            String updated = m.find()
                    ? text.substring(0, m.start()) + block + text.substring(m.end())
                    : text.stripTrailing() + "\n\n" + block + "\n";
            Files.createDirectories(file.getParent());
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** @return a line naming the machine the figures were measured on */
    public static String machine() {
        return "Measured on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", " + java.time.LocalDate.now() + ".";
    }
}
