package io.jenkins.plugins.environments.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

    @TempDir
    Path dir;

    @Test
    void aSectionIsReplacedInPlaceAndOthersStay() throws Exception {
        Path file = dir.resolve("performance.md");
        PerformanceReport report = PerformanceReport.at(file);
        report.writeSection("first", "## First\n\nold");
        report.writeSection("second", "## Second\n\nkept");
        report.writeSection("first", "## First\n\nnew");

        String text = Files.readString(file);
        assertEquals(1, text.split("<!-- begin:first -->", -1).length - 1);
        assertEquals(true, text.contains("<!-- begin:first -->\n## First\n\nnew\n<!-- end:first -->"));
        assertEquals(false, text.contains("old"));
        assertEquals(true, text.indexOf("## First") < text.indexOf("## Second"), "order kept");
        assertEquals(true, text.contains("kept"));
        assertEquals(true, text.startsWith("# Performance"));
    }

    @Test
    void sectionNamesAreChecked() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PerformanceReport.at(dir.resolve("p.md")).writeSection("../x", "text"));
        assertEquals("section name must be lower-case letters, digits and dashes: ../x", e.getMessage());
    }
}
