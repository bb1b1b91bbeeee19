package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.Workspace;
import java.util.Map;

/**
 * Port: where a GitOps promotion renders the environment it changed, before it pushes. The edited tree of the GitOps
 * repository is written into a fresh folder there, and helm or kubectl render it with the {@link
 * io.jenkins.plugins.environments.render.Renderer} over that folder as the workspace. In Jenkins this is the build's
 * agent (a temporary folder next to the workspace and the build's launcher); in tests a local folder and the real
 * CLIs.
 */
public interface GitOpsRenderSite {

    /** @return a new, empty folder, which the caller closes to delete it */
    Folder newFolder();

    /** @return runs helm and kubectl, with paths on the machine the folders are on */
    CommandRunner runner();

    /** @return extra environment variables for helm and kubectl; never logged */
    Map<String, String> environment();

    /** @return the helm executable */
    String helm();

    /** @return the kubectl executable */
    String kubectl();

    /** A temporary folder of the site. */
    interface Folder extends AutoCloseable {

        /**
         * Writes one file, creating the folders on its way.
         *
         * @param relativePath a path inside the folder, {@code /}-separated, as git names it
         */
        void write(String relativePath, byte[] content);

        /** @return the folder as the renderer's workspace */
        Workspace workspace();

        /** Deletes the folder and everything in it. */
        @Override
        void close();
    }
}
