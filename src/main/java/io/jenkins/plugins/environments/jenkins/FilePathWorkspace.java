package io.jenkins.plugins.environments.jenkins;

import hudson.FilePath;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.Workspace;
import io.jenkins.plugins.environments.render.WorkspacePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's workspace on its agent, as the renderer sees it. Paths pass {@link WorkspacePaths#check} first; then
 * {@link FilePath#isDescendant} asks the agent whether symbolic links lead out of the workspace.
 */
final class FilePathWorkspace implements Workspace {

    private final FilePath root;

    FilePathWorkspace(FilePath root) {
        this.root = root;
    }

    @Override
    public String resolve(String relativePath) {
        return child(relativePath).getRemote();
    }

    @Override
    public String readText(String relativePath) {
        FilePath file = child(relativePath);
        try {
            return file.readToString();
        } catch (IOException e) {
            throw new RenderException("cannot read " + relativePath + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while reading " + relativePath, e);
        }
    }

    @Override
    public List<String> listFiles(String relativeFolder) {
        FilePath folder = child(relativeFolder);
        try {
            if (!folder.isDirectory()) {
                throw new RenderException("not a folder: " + relativeFolder);
            }
            List<String> names = new ArrayList<>();
            for (FilePath entry : folder.list()) {
                if (!entry.isDirectory()) {
                    names.add(entry.getName());
                }
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new RenderException("cannot list " + relativeFolder + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while listing " + relativeFolder, e);
        }
    }

    @Override
    public List<String> listTree(String relativeFolder) {
        FilePath folder = child(relativeFolder);
        List<String> files = new ArrayList<>();
        try {
            if (folder.isDirectory()) {
                collect(folder, "", files, 0);
            }
        } catch (IOException e) {
            throw new RenderException("cannot list " + relativeFolder + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while listing " + relativeFolder, e);
        }
        files.sort(null);
        return files;
    }

    /** Depth-first, at most 32 folders deep (a link loop ends there) and {@value #MAX_TREE_FILES} files. */
    private static void collect(FilePath folder, String prefix, List<String> files, int depth)
            throws IOException, InterruptedException {
        for (FilePath entry : folder.list()) {
            if (files.size() >= MAX_TREE_FILES) {
                return;
            }
            if (entry.isDirectory()) {
                if (depth < 32) {
                    collect(entry, prefix + entry.getName() + "/", files, depth + 1);
                }
            } else {
                files.add(prefix + entry.getName());
            }
        }
    }

    @Override
    public String root() {
        return root.getRemote();
    }

    private FilePath child(String relativePath) {
        String checked = WorkspacePaths.check(relativePath);
        try {
            if (!root.isDescendant(checked)) {
                throw new RenderException("path leaves the workspace through a symbolic link: " + checked);
            }
        } catch (IOException e) {
            throw new RenderException("cannot check " + checked + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while checking " + checked, e);
        }
        return root.child(checked);
    }
}
