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

    /** @return the absolute path of the root */
    String root();

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
