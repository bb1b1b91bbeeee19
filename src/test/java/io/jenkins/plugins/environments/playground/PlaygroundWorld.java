package io.jenkins.plugins.environments.playground;

import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the playground runs against, all on the loopback address: two real OCI registries (Debian's
 * {@code docker-registry}: {@code builds}, anonymous, where CI pushes, and {@code releases}, with basic
 * authentication, where promotions copy to), the Kubernetes API fixture (fabric8's mock server in CRUD mode: it
 * stores objects but runs no controllers), a bare Git repository for GitOps, the real {@code helm} and
 * {@code kubectl}, and a folder for the ledger and workspaces. Closing stops and deletes everything.
 */
final class PlaygroundWorld implements AutoCloseable {

    static final String RELEASE_USER = "deployer";

    final Path folder;
    final DockerRegistry builds;
    final DockerRegistry releases;
    final MockKubernetesApi kubernetes;
    final BareGitRepository gitops;
    final KubernetesCli cli;
    private final List<AutoCloseable> opened;

    private PlaygroundWorld(
            Path folder,
            DockerRegistry builds,
            DockerRegistry releases,
            MockKubernetesApi kubernetes,
            BareGitRepository gitops,
            KubernetesCli cli,
            List<AutoCloseable> opened) {
        this.folder = folder;
        this.builds = builds;
        this.releases = releases;
        this.kubernetes = kubernetes;
        this.gitops = gitops;
        this.cli = cli;
        this.opened = opened;
    }

    /**
     * Starts every component; what started is stopped again when a later one fails.
     *
     * @param folder an empty folder for the ledger and workspaces
     * @param gitopsFiles the files the GitOps repository starts with
     */
    static PlaygroundWorld start(Path folder, Map<String, String> gitopsFiles) throws IOException {
        Files.createDirectories(folder);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            KubernetesCli cli = remember(opened, KubernetesCli.create());
            DockerRegistry builds = remember(opened, DockerRegistry.start());
            DockerRegistry releases =
                    remember(opened, DockerRegistry.startWithBasicAuth(RELEASE_USER, "playground-only"));
            MockKubernetesApi kubernetes = remember(opened, MockKubernetesApi.start());
            BareGitRepository gitops = remember(opened, BareGitRepository.create(gitopsFiles));
            return new PlaygroundWorld(folder, builds, releases, kubernetes, gitops, cli, opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T remember(List<AutoCloseable> opened, T component) {
        opened.add(component);
        return component;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(List<AutoCloseable> opened) {
        RuntimeException first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("Could not stop a playground component", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
