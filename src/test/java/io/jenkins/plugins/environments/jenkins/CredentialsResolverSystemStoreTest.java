package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.environments.model.Cluster;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * Issue 11, class 3: the credentials an administrator configured are resolved where the administrator put them.
 * The signature key is looked up in Jenkins' own store as the system; a credentials build parameter or a folder
 * credential with the same id (which {@code findCredentialById} in the run's context would return first) is never
 * asked for, and the use is still tracked against the run. Uses Jenkins' real classes with a mocked static
 * {@link CredentialsProvider} and {@link Jenkins}, so it runs in the real build only (tag {@value LiveJenkinsTag#TAG}).
 */
@Tag(LiveJenkinsTag.TAG)
class CredentialsResolverSystemStoreTest {

    private MockedStatic<CredentialsProvider> provider;
    private MockedStatic<Jenkins> jenkins;
    private final Jenkins root = mock(Jenkins.class);
    private final Run<?, ?> run = runOf("shop/main");

    @BeforeEach
    void mockJenkins() {
        provider = mockStatic(CredentialsProvider.class);
        jenkins = mockStatic(Jenkins.class);
        jenkins.when(Jenkins::get).thenReturn(root);
    }

    @AfterEach
    void closeMocks() {
        jenkins.close();
        provider.close();
    }

    @Test
    void theSignatureKeyIsTheAdministratorsEvenWhenTheRunSeesAnotherWithTheSameId() throws Exception {
        StringCredentials administrators = key("cosign-public-key", CredentialsScope.GLOBAL, "ADMIN-PEM");
        StringCredentials teams = key("cosign-public-key", CredentialsScope.GLOBAL, "TEAM-PEM");
        provider.when(() -> CredentialsProvider.lookupCredentialsInItemGroup(
                        eq(StandardCredentials.class), eq(root), eq(ACL.SYSTEM2), anyList()))
                .thenReturn(List.of(administrators));
        provider.when(() -> CredentialsProvider.findCredentialById(
                        eq("cosign-public-key"), eq(StandardCredentials.class), any(Run.class), anyList()))
                .thenReturn(teams);

        assertEquals("ADMIN-PEM", CredentialsResolver.publicKey(run, "cosign-public-key"));

        provider.verify(() -> CredentialsProvider.track(run, administrators));
        provider.verify(
                () -> CredentialsProvider.findCredentialById(any(), any(), any(Run.class), anyList()),
                org.mockito.Mockito.never());
    }

    @Test
    void anIdOnlyTheRunCanSeeIsNotFoundAndNothingIsTracked() {
        provider.when(() -> CredentialsProvider.lookupCredentialsInItemGroup(
                        eq(StandardCredentials.class), eq(root), eq(ACL.SYSTEM2), anyList()))
                .thenReturn(List.of());
        provider.when(() -> CredentialsProvider.findCredentialById(
                        eq("cosign-public-key"), eq(StandardCredentials.class), any(Run.class), anyList()))
                .thenReturn(key("cosign-public-key", CredentialsScope.GLOBAL, "TEAM-PEM"));

        AbortException e =
                assertThrows(AbortException.class, () -> CredentialsResolver.publicKey(run, "cosign-public-key"));

        assertEquals(Messages.CredentialsResolver_NotFound("cosign-public-key"), e.getMessage());
        provider.verify(() -> CredentialsProvider.track(any(Run.class), any()), org.mockito.Mockito.never());
    }

    @Test
    void aSystemScopedCredentialIsNotUsedInABuild() {
        provider.when(() -> CredentialsProvider.lookupCredentialsInItemGroup(
                        eq(StandardCredentials.class), eq(root), eq(ACL.SYSTEM2), anyList()))
                .thenReturn(List.of(key("cosign-public-key", CredentialsScope.SYSTEM, "SYSTEM-PEM")));

        AbortException e =
                assertThrows(AbortException.class, () -> CredentialsResolver.publicKey(run, "cosign-public-key"));

        assertEquals(Messages.CredentialsResolver_NotFound("cosign-public-key"), e.getMessage());
    }

    @Test
    void aClusterEntryWithoutTheFolderSettingNeverAsksTheJobsFolders() throws Exception {
        StringCredentials administrators = key("k8s-token", CredentialsScope.GLOBAL, "ADMIN-TOKEN");
        provider.when(() -> CredentialsProvider.lookupCredentialsInItemGroup(
                        eq(StandardCredentials.class), eq(root), eq(ACL.SYSTEM2), anyList()))
                .thenReturn(List.of(administrators));
        Cluster cluster = new Cluster("prod-eu", "https://k8s.example.com", "k8s-token", null, false, 0);

        CredentialsResolver.clusterInRun(run, cluster).close();

        provider.verify(
                () -> CredentialsProvider.lookupCredentialsInItem(any(), any(), any(), anyList()),
                org.mockito.Mockito.never());
        provider.verify(() -> CredentialsProvider.track(run, administrators));
    }

    @Test
    void aClusterEntryWithTheFolderSettingLooksInTheJobsFoldersAsTheSystem() throws Exception {
        StringCredentials folders = key("k8s-token", CredentialsScope.GLOBAL, "FOLDER-TOKEN");
        hudson.model.Item job = run.getParent();
        provider.when(() -> CredentialsProvider.lookupCredentialsInItem(
                        eq(StandardCredentials.class), eq(job), eq(ACL.SYSTEM2), anyList()))
                .thenReturn(List.of(folders));
        Cluster cluster = new Cluster("prod-eu", "https://k8s.example.com", "k8s-token", null, false, 0, true);

        CredentialsResolver.clusterInRun(run, cluster).close();

        provider.verify(
                () -> CredentialsProvider.lookupCredentialsInItemGroup(any(), any(), any(), anyList()),
                org.mockito.Mockito.never());
        provider.verify(
                () -> CredentialsProvider.findCredentialById(any(), any(), any(Run.class), anyList()),
                org.mockito.Mockito.never());
        provider.verify(() -> CredentialsProvider.track(run, folders));
    }

    private static StringCredentials key(String id, CredentialsScope scope, String pem) {
        StringCredentials c = mock(StringCredentials.class);
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(pem);
        when(c.getId()).thenReturn(id);
        when(c.getScope()).thenReturn(scope);
        when(c.getSecret()).thenReturn(secret);
        return c;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Run<?, ?> runOf(String jobFullName) {
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(jobFullName);
        Run run = mock(Run.class);
        when(run.getParent()).thenReturn(job);
        return run;
    }
}
