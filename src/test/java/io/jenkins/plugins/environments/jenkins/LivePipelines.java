package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Job;
import hudson.model.Run;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * What the live pipeline tests share: a Pipeline job made from a script (the XML Jenkins itself writes for one, so the
 * tests need none of the Pipeline plugins' classes), a build started as the Build Now button starts it (a POST with a
 * crumb), and a secret-text credential in Jenkins' own store.
 */
final class LivePipelines {

    /** How long a test waits for a build it started to appear. */
    private static final Duration BUILD_APPEARS = Duration.ofMinutes(1);

    private LivePipelines() {}

    /** @return a new Pipeline job {@code name} running {@code script} in the Groovy sandbox */
    static Job<?, ?> create(String name, String script) throws IOException {
        String xml = "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition>"
                + "<definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'><script>"
                + script.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</script><sandbox>true</sandbox></definition></flow-definition>";
        return (Job<?, ?>) Jenkins.get()
                .createProjectFromXML(name, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Starts a build of the job as anonymous (who may do everything in an unsecured test Jenkins) and waits until the
     * build exists; it may still wait in the queue for an executor.
     */
    static Run<?, ?> start(JenkinsRule j, Job<?, ?> job) throws Exception {
        int number = job.getNextBuildNumber();
        try (JenkinsRule.WebClient web = j.createWebClient()) {
            Page answer = web.getPage(new WebRequest(
                    web.createCrumbedUrl("job/" + job.getName() + "/build?delay=0sec"), HttpMethod.POST));
            int status = answer.getWebResponse().getStatusCode();
            assertTrue(status == 200 || status == 201, "Build Now answered " + status);
        }
        return build(job, number);
    }

    /** @return build {@code number} of the job, once it exists */
    static Run<?, ?> build(Job<?, ?> job, int number) throws InterruptedException {
        Instant deadline = Instant.now().plus(BUILD_APPEARS);
        Run<?, ?> run;
        while ((run = job.getBuildByNumber(number)) == null) {
            if (Instant.now().isAfter(deadline)) {
                fail("build #" + number + " of " + job.getName() + " did not start within " + BUILD_APPEARS);
            }
            Thread.sleep(100);
        }
        return run;
    }

    /** Adds a Global-scoped secret-text credential to Jenkins' own store. */
    static void secretText(String id, String secret) throws IOException {
        SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
        store.getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "live test", Secret.fromString(secret)));
        store.save();
    }
}
