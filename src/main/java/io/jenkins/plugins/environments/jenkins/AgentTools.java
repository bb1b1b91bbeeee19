package io.jenkins.plugins.environments.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.preview.PreviewTools;
import java.util.Map;

/** The build's agent as a place to render: its workspace and its launcher, with the build's environment. */
final class AgentTools {

    private AgentTools() {}

    static PreviewTools of(FilePath workspace, Launcher launcher, EnvVars environment, TaskListener listener) {
        return new PreviewTools(
                new LauncherCommandRunner(launcher, environment, listener), new FilePathWorkspace(workspace), Map.of());
    }
}
