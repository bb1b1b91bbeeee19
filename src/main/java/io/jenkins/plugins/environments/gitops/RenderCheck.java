package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.render.ImagePinning;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.RenderRequest;
import io.jenkins.plugins.environments.render.RenderedManifests;
import io.jenkins.plugins.environments.render.Renderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * After the edit and before the push: renders the changed environment and checks that every container of the app's
 * repository runs the digest.
 *
 * <p>The fetched commit's files, with the edited file in place of the original, are written into a fresh folder of
 * the {@link GitOpsRenderSite} (regular and executable files; symbolic links and submodules are not reproduced).
 * A target with image form {@code kustomize} renders its overlay with {@code kubectl kustomize}; any other renders its
 * chart folder with {@code helm template}, the edited values file given with {@code -f}, as release {@code <app>} in
 * namespace {@code <environment>}. The render runs with the {@link Renderer}'s own rules (nothing read from outside
 * the folder, nothing fetched, values scanned for secrets). Refused, with the images that were rendered: a render in
 * which no container uses the repository, and one in which a container of the repository runs anything but the
 * digest.
 */
final class RenderCheck {

    /** How long one render may take. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** The most bytes of files written for one render. */
    static final long MAX_TREE_BYTES = 64L * 1024 * 1024;

    private final GitOpsTarget target;
    private final GitOpsRequest request;
    private final GitOpsRenderSite site;
    private final Consumer<String> log;

    RenderCheck(GitOpsTarget target, GitOpsRequest request, GitOpsRenderSite site, Consumer<String> log) {
        this.target = target;
        this.request = request;
        this.site = site;
        this.log = log;
    }

    /**
     * @param repository the clone
     * @param tip the fetched commit
     * @param editedText the file's new text
     * @throws GitOpsException if the render fails or shows the wrong image; nothing is pushed then
     */
    void check(Repository repository, RevCommit tip, String editedText) throws IOException {
        String image = request.repository();
        if (image == null) {
            throw new IllegalArgumentException("a render check compares the repository: the request must name it");
        }
        String where = (target.imageForm() == ImageForm.KUSTOMIZE ? "overlay " : "chart ") + quote(target.renderPath());
        RenderedManifests manifests;
        try (GitOpsRenderSite.Folder folder = site.newFolder()) {
            write(repository, tip, editedText, folder);
            RenderRequest render = target.imageForm() == ImageForm.KUSTOMIZE
                    ? RenderRequest.kustomize(
                            target.renderPath(), request.app(), request.toEnvironment(), site.kubectl())
                    : RenderRequest.chart(
                            target.renderPath(),
                            request.app(),
                            request.toEnvironment(),
                            List.of(target.valuesFile()),
                            Map.of(),
                            site.helm());
            manifests = new Renderer(site.runner(), folder.workspace(), site.environment(), TIMEOUT).render(render);
        } catch (RenderException e) {
            throw new GitOpsException(
                    "Rendering the " + where + " after the edit failed, nothing was pushed: " + e.getMessage(), e);
        }
        List<ImagePinning.Container> containers = ImagePinning.containers(manifests);
        String normalized = ImageReference.normalizedName(image);
        List<ImagePinning.Container> ours = containers.stream()
                .filter(c -> normalized != null && normalized.equals(ImageReference.normalizedName(c.image())))
                .toList();
        String wanted = image + "@" + request.digest();
        if (ours.isEmpty()) {
            Set<String> rendered = containers.stream()
                    .map(ImagePinning.Container::image)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            throw new GitOpsException("After the edit the " + where + " runs no container of " + image
                    + ", nothing was pushed; rendered image(s): "
                    + (rendered.isEmpty() ? "none" : String.join(", ", rendered)));
        }
        List<String> wrong = ours.stream()
                .filter(c -> !c.image().endsWith("@" + request.digest()))
                .map(c -> c.kind() + " " + c.name() + " container " + c.container() + " runs " + c.image())
                .toList();
        if (!wrong.isEmpty()) {
            throw new GitOpsException("After the edit the " + where + " does not run " + wanted
                    + ", nothing was pushed: " + String.join("; ", wrong)
                    + ". Check that the image form and key are the ones the chart or overlay reads");
        }
        log.accept("Rendered the " + where + " after the edit: " + ours.size() + " container(s) of " + image + " run "
                + request.digest());
    }

    private void write(Repository repository, RevCommit tip, String editedText, GitOpsRenderSite.Folder folder)
            throws IOException {
        long total = 0;
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tip.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                String path = walk.getPathString();
                byte[] content;
                if (path.equals(target.valuesFile())) {
                    content = editedText.getBytes(StandardCharsets.UTF_8);
                } else {
                    try {
                        content = repository
                                .open(walk.getObjectId(0), Constants.OBJ_BLOB)
                                .getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_TREE_BYTES));
                    } catch (LargeObjectException e) {
                        throw tooLarge();
                    }
                }
                total += content.length;
                if (total > MAX_TREE_BYTES) {
                    throw tooLarge();
                }
                folder.write(path, content);
            }
        }
    }

    private GitOpsException tooLarge() {
        return new GitOpsException("The GitOps repository's files are larger than " + MAX_TREE_BYTES
                + " bytes in all: too large to render after the edit");
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }
}
