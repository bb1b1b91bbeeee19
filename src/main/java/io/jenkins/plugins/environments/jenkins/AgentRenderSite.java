package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.gitops.GitOpsRenderSite;
import io.jenkins.plugins.environments.model.RepositoryNames;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.Workspace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The build's agent as the place where a GitOps promotion renders what it changed: temporary folders in the
 * workspace's {@code @tmp} sibling (never inside the workspace itself, so nothing of the GitOps repository is left for
 * the build to pick up), and the build's launcher for helm and kubectl.
 */
final class AgentRenderSite implements GitOpsRenderSite {

    private final FilePath workspace;
    private final CommandRunner runner;
    private final String helm;
    private final String kubectl;

    AgentRenderSite(
            FilePath workspace,
            Launcher launcher,
            EnvVars environment,
            TaskListener listener,
            String helm,
            String kubectl) {
        this.workspace = workspace;
        this.runner = new LauncherCommandRunner(launcher, environment, listener);
        this.helm = helm == null ? "helm" : helm;
        this.kubectl = kubectl == null ? "kubectl" : kubectl;
    }

    @Override
    public Folder newFolder() {
        FilePath folder;
        try {
            FilePath temporary = workspace.sibling(workspace.getName() + "@tmp");
            temporary.mkdirs();
            folder = temporary.createTempDir("gitops-render", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder on the agent to render the GitOps repository", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating a folder on the agent", e);
        }
        return new Folder() {
            @Override
            public void write(String relativePath, byte[] content) {
                FilePath file = folder.child(RepositoryNames.requireRelativePath("path", "Path", relativePath));
                try {
                    file.getParent().mkdirs();
                    file.copyFrom(new ByteArrayInputStream(content));
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write " + relativePath + " on the agent", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while writing " + relativePath, e);
                }
            }

            @Override
            public Workspace workspace() {
                return new FilePathWorkspace(folder);
            }

            @Override
            public void close() {
                try {
                    folder.deleteRecursive();
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not delete " + folder.getRemote() + " on the agent", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while deleting " + folder.getRemote(), e);
                }
            }
        };
    }

    @Override
    public CommandRunner runner() {
        return runner;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public String helm() {
        return helm;
    }

    @Override
    public String kubectl() {
        return kubectl;
    }
}
