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

    /** @return the absolute path of the root */
    String root();
}
