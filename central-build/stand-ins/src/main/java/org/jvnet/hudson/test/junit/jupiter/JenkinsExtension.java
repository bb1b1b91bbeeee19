package org.jvnet.hudson.test.junit.jupiter;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Stand-in for jenkins-test-harness' JUnit 5 extension; a test that reaches it here fails loudly. */
public class JenkinsExtension implements ParameterResolver, AfterEachCallback {
    public JenkinsExtension() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
