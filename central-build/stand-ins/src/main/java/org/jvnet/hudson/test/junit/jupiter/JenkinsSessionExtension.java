package org.jvnet.hudson.test.junit.jupiter;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jvnet.hudson.test.fixtures.JenkinsSessionFixture;

/** Stand-in for jenkins-test-harness' JUnit 5 extension that runs steps in successive Jenkins sessions (restarts). */
public class JenkinsSessionExtension implements BeforeEachCallback, AfterEachCallback {
    public JenkinsSessionExtension() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void then(Step s) throws Throwable {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** A step run inside one session. */
    public interface Step extends JenkinsSessionFixture.Step {}
}
