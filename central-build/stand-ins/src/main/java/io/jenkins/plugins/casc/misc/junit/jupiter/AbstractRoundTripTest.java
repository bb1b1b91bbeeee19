package io.jenkins.plugins.casc.misc.junit.jupiter;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Stand-in for the Configuration as Code test harness' JUnit 5 round trip (apply the YAML of
 * {@code configuration-as-code.yaml} beside the test, check, reload through the UI, export, restart, check again).
 * Its signatures are listed in {@code configuration-as-code.sigs.tsv}.
 */
@WithJenkins
public abstract class AbstractRoundTripTest {
    @TempDir
    public Path tempFolder;

    public AbstractRoundTripTest() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected abstract void assertConfiguredAsExpected(JenkinsRule j, String configContent);

    protected String configResource() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    protected abstract String stringInLogExpected();

    @Test
    public void roundTripTest(JenkinsRule r) throws Throwable {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
