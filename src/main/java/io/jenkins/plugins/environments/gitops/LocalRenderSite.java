package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.RepositoryNames;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.util.FileUtils;

/** {@link GitOpsRenderSite} on this machine: folders under a local parent folder, commands run by a given runner. */
public final class LocalRenderSite implements GitOpsRenderSite {

    private final Path parent;
    private final CommandRunner runner;
    private final Map<String, String> environment;
    private final String helm;
    private final String kubectl;

    /**
     * @param parent where the temporary folders are created
     * @param runner runs helm and kubectl
     * @param environment extra environment variables for them
     * @param helm the helm executable
     * @param kubectl the kubectl executable
     */
    public LocalRenderSite(
            Path parent, CommandRunner runner, Map<String, String> environment, String helm, String kubectl) {
        this.parent = Objects.requireNonNull(parent, "parent");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.environment = Map.copyOf(environment);
        this.helm = Objects.requireNonNull(helm, "helm");
        this.kubectl = Objects.requireNonNull(kubectl, "kubectl");
    }

    @Override
    public Folder newFolder() {
        Path folder;
        try {
            folder = Files.createTempDirectory(parent, "gitops-render-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder to render the GitOps repository in", e);
        }
        return new Folder() {
            @Override
            public void write(String relativePath, byte[] content) {
                Path file = folder.resolve(RepositoryNames.requireRelativePath("path", "Path", relativePath))
                        .normalize();
                if (!file.startsWith(folder)) {
                    throw new IllegalArgumentException("path leaves the folder: " + relativePath);
                }
                try {
                    Files.createDirectories(file.getParent());
                    Files.write(file, content);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write " + relativePath + " to render it", e);
                }
            }

            @Override
            public Workspace workspace() {
                return new LocalWorkspace(folder);
            }

            @Override
            public void close() {
                try {
                    FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not delete " + folder, e);
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
        return environment;
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
