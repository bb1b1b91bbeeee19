package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/approvals.md shows exactly the pipeline {@link AwaitApprovalLiveTest} runs, so the documented example is one
 * known to pause, take approvals through the web and go on; and no placeholder of the draft is left.
 */
class ApprovalsDocumentationTest {

    @Test
    void documentationShowsThePipelineTheLiveTestRuns() throws IOException {
        String script;
        try (InputStream in = getClass().getResourceAsStream("await-approval.groovy")) {
            assertNotNull(in, "await-approval.groovy beside the live test");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String docs = Files.readString(root().resolve("docs/approvals.md"));
        assertTrue(docs.contains("```groovy\n" + script + "```"), "docs/approvals.md has the live test's pipeline");
        assertFalse(docs.contains("<!-- glue:"), "docs/approvals.md has no placeholder left");
    }

    @Test
    void theIndexLinksTheApprovalsPage() throws IOException {
        assertTrue(Files.readString(root().resolve("docs/index.md")).contains("(approvals.md)"));
    }

    private static Path root() {
        return Path.of(System.getProperty("environments.root", System.getProperty("user.dir")));
    }
}
