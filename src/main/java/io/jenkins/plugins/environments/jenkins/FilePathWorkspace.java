package io.jenkins.plugins.environments.jenkins;

import hudson.FilePath;
import hudson.slaves.WorkspaceList;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.Workspace;
import io.jenkins.plugins.environments.render.WorkspacePaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The build's workspace on its agent, as the renderer sees it. Paths pass {@link WorkspacePaths#check} first; then
 * {@link FilePath#isDescendant} asks the agent whether symbolic links lead out of the workspace, and
 * {@link FilePath#readLink} tells a link from what it points at.
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
        return onAgent("read", relativePath, file::readToString);
    }

    @Override
    public List<String> listFiles(String relativeFolder) {
        FilePath folder = child(relativeFolder);
        return onAgent("list", relativeFolder, () -> {
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
        });
    }

    @Override
    public PathKind kind(String relativePath) {
        String checked = WorkspacePaths.check(relativePath);
        if (checked.equals(".")) {
            return PathKind.FOLDER;
        }
        return onAgent("check", checked, () -> {
            int slash = checked.lastIndexOf('/');
            if (slash > 0) {
                String parent = checked.substring(0, slash);
                if (!root.isDescendant(parent)) {
                    if (!root.child(parent).exists()) {
                        return null;
                    }
                    throw new RenderException("path leaves the workspace through a symbolic link: " + parent);
                }
            }
            FilePath path = root.child(checked);
            if (path.readLink() != null) {
                if (!path.exists()) {
                    return PathKind.LINK_BROKEN;
                }
                if (!root.isDescendant(checked)) {
                    return PathKind.LINK_OUTSIDE;
                }
                return path.isDirectory() ? PathKind.LINK_TO_FOLDER : PathKind.LINK_TO_FILE;
            }
            if (!path.exists()) {
                return null;
            }
            return path.isDirectory() ? PathKind.FOLDER : PathKind.FILE;
        });
    }

    @Override
    public List<String> list(String relativeFolder) {
        FilePath folder = child(relativeFolder);
        return onAgent("list", relativeFolder, () -> {
            List<String> names = new ArrayList<>();
            for (FilePath entry : folder.list()) {
                names.add(entry.getName());
            }
            names.sort(null);
            return names;
        });
    }

    @Override
    public String root() {
        return root.getRemote();
    }

    /** In {@code <workspace>@tmp} on the agent, where Jenkins puts a build's temporary files. */
    @Override
    public String writeTemporaryFiles(Map<String, String> files) {
        FilePath parent = WorkspaceList.tempDir(root);
        if (parent == null) {
            throw new RenderException(
                    "the workspace " + root.getRemote() + " has no folder beside it for temporary" + " files");
        }
        try {
            parent.mkdirs();
            FilePath folder = parent.createTempDir("files", "");
            try {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    folder.child(file.getKey()).write(file.getValue(), "UTF-8");
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                folder.deleteRecursive();
                throw e;
            }
            return folder.getRemote();
        } catch (IOException e) {
            throw new RenderException("cannot write temporary files beside the workspace: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while writing temporary files", e);
        }
    }

    @Override
    public void deleteTemporaryFiles(String folder) {
        FilePath parent = WorkspaceList.tempDir(root);
        FilePath made = parent == null ? null : parent.child(new java.io.File(folder).getName());
        if (made == null || !made.getRemote().equals(folder)) {
            throw new IllegalArgumentException("not a temporary folder of this workspace: " + folder);
        }
        try {
            made.deleteRecursive();
        } catch (IOException e) {
            throw new RenderException("cannot delete temporary files " + folder + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while deleting temporary files " + folder, e);
        }
    }

    private FilePath child(String relativePath) {
        String checked = WorkspacePaths.check(relativePath);
        onAgent("check", checked, () -> {
            if (!root.isDescendant(checked)) {
                throw new RenderException("path leaves the workspace through a symbolic link: " + checked);
            }
            return null;
        });
        return root.child(checked);
    }

    @Override
    public List<String> listTree(String relativeFolder) {
        FilePath folder = child(relativeFolder);
        List<String> files = new ArrayList<>();
        onAgent("list", relativeFolder, () -> {
            if (folder.isDirectory()) {
                collect(folder, "", files, 0);
            }
            return null;
        });
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

    /** Work done through the agent's file system. */
    @FunctionalInterface
    private interface AgentWork<T> {
        T run() throws IOException, InterruptedException;
    }

    /**
     * @param verb what the work does, for messages: {@code read}, {@code list} or {@code check}
     * @return what the work returned; a failure on the agent becomes {@code cannot <verb> <path>: …}, an interruption
     *     {@code interrupted while <verb>ing <path>}
     */
    private static <T> T onAgent(String verb, String path, AgentWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new RenderException("cannot " + verb + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while " + verb + "ing " + path, e);
        }
    }
}
