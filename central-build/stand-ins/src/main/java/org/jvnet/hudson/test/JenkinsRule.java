package org.jvnet.hudson.test;

import hudson.model.RootAction;
import org.junit.rules.MethodRule;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.FrameworkMethod;
import org.junit.runners.model.Statement;

/** Stand-in for jenkins-test-harness' {@code JenkinsRule}: lets {@code @WithJenkins} tests compile; they run only in the real build. */
public class JenkinsRule implements TestRule, MethodRule, RootAction {
    public JenkinsRule() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Statement apply(Statement base, Description description) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Statement apply(Statement base, FrameworkMethod method, Object target) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void configRoundtrip() throws Exception {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public <R extends hudson.model.Run> R assertBuildStatusSuccess(R arg0) throws java.lang.Exception {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void assertLogContains(java.lang.String arg0, hudson.model.Run arg1) throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public org.jvnet.hudson.test.JenkinsRule.DummySecurityRealm createDummySecurityRealm() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.net.URL getURL() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public <R extends hudson.model.Run<?,?>> R waitForCompletion(R arg0) throws java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public <R extends hudson.model.Run<?,?>> R waitForMessage(java.lang.String arg0, R arg1) throws java.io.IOException, java.lang.InterruptedException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static java.lang.String getLog(hudson.model.Run arg0) throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public org.jvnet.hudson.test.JenkinsRule.WebClient createWebClient() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void assertEqualDataBoundBeans(java.lang.Object arg0, java.lang.Object arg1)
            throws java.lang.reflect.InvocationTargetException, java.lang.NoSuchMethodException,
                    java.lang.IllegalAccessException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void assertEqualDataBoundBeans(java.util.List<?> arg0, java.util.List<?> arg1) throws java.lang.Exception {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /**
     * Stand-in for org.jvnet.hudson.test.JenkinsRule.WebClient (an inner class there too): real signatures, bodies
     * that only throw. Its superclass is HtmlUnit's own, from Maven Central.
     */
    public class WebClient extends org.htmlunit.WebClient {
        public WebClient() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public org.htmlunit.html.HtmlPage goTo(java.lang.String arg0)
                throws java.io.IOException, org.xml.sax.SAXException {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public org.htmlunit.Page goTo(java.lang.String arg0, java.lang.String arg1)
                throws java.io.IOException, org.xml.sax.SAXException {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public void assertFails(java.lang.String arg0, int arg1) throws java.lang.Exception {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public java.net.URL createCrumbedUrl(java.lang.String arg0) throws java.io.IOException {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public org.jvnet.hudson.test.JenkinsRule.WebClient withBasicCredentials(java.lang.String arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public org.jvnet.hudson.test.JenkinsRule.WebClient withJavaScriptEnabled(boolean arg0) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }

    /** Stand-in for org.jvnet.hudson.test.JenkinsRule.DummySecurityRealm: real signatures, bodies that only throw. */
    public static class DummySecurityRealm extends hudson.security.AbstractPasswordBasedSecurityRealm {
        private DummySecurityRealm() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
