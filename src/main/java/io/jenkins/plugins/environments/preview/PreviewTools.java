package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.Workspace;
import java.util.Map;

/**
 * Where a preview is rendered: the build's workspace and a way to run helm and kubectl there (on the agent, in
 * Jenkins).
 *
 * @param runner runs helm or kubectl
 * @param workspace the files of the build
 * @param environment extra environment variables for helm and kubectl; never logged
 */
public record PreviewTools(CommandRunner runner, Workspace workspace, Map<String, String> environment) {

    public PreviewTools {
        environment = Map.copyOf(environment);
    }
}
