package io.jenkins.plugins.environments.render;

import java.util.List;

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
}
