package io.jenkins.plugins.environments.render;

import java.util.List;
import java.util.Map;

/** Port: files of a workspace, addressed by user-given relative paths that must stay inside it. */
public interface Workspace {

    /**
     * @return the absolute path of {@code relativePath} inside the root, for use as a command argument
     * @throws RenderException if the path is empty, absolute, contains NUL, control characters or backslashes,
     *     or leaves the root (by {@code ..} or through a symbolic link)
     */
    String resolve(String relativePath);

    /** @return the UTF-8 text of a file inside the workspace */
    String readText(String relativePath);

    /** @return the names of the regular files directly in a folder of the workspace, sorted */
    List<String> listFiles(String relativeFolder);

    /**
     * @return the regular files under a folder of the workspace at any depth, as {@code /}-separated paths relative to
     *     that folder, sorted; empty when the folder does not exist. Symbolic links are not followed; at most
     *     {@value #MAX_TREE_FILES} files are listed
     */
    List<String> listTree(String relativeFolder);

    /** The most files {@link #listTree} lists. */
    int MAX_TREE_FILES = 10_000;

    /** @return the absolute path of the root */
    String root();

    /**
     * What is at a path, looked at without following a symbolic link in its last step: the walk before a render
     * ({@link WorkspaceConfinement}) uses it to find links that lead out of the workspace.
     *
     * @return the kind of entry, or null when nothing is there
     * @throws RenderException if the path breaks a rule of {@link WorkspacePaths}, or the folder that holds it leaves
     *     the workspace through a symbolic link
     */
    PathKind kind(String relativePath);

    /** @return the names of everything directly in a folder of the workspace (files, folders, links), sorted */
    List<String> list(String relativeFolder);

    /** What one path of the workspace is; a symbolic link is told apart by where it leads. */
    enum PathKind {
        FILE,
        FOLDER,
        /** a symbolic link whose target, after every link on the way, is a file inside the workspace */
        LINK_TO_FILE,
        /** a symbolic link whose target, after every link on the way, is a folder inside the workspace */
        LINK_TO_FOLDER,
        /** a symbolic link whose target is outside the workspace */
        LINK_OUTSIDE,
        /** a symbolic link whose target does not exist */
        LINK_BROKEN
    }

    /**
     * Writes files that one command reads into a new folder that only this user can read, beside the workspace (as
     * Jenkins' {@code <workspace>@tmp}), on the machine that runs the commands. The caller deletes it with
     * {@link #deleteTemporaryFiles} when the command has finished, whatever happened.
     *
     * @param files file names (plain names, no separators) and their UTF-8 text
     * @return the absolute path of the new folder
     */
    String writeTemporaryFiles(Map<String, String> files);

    /** Deletes a folder that {@link #writeTemporaryFiles} made, with everything in it. */
    void deleteTemporaryFiles(String folder);
}
