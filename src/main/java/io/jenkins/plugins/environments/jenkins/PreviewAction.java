package io.jenkins.plugins.environments.jenkins;

import hudson.model.Action;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A link on the build's page to the preview the build deployed. Kept with the build, so the link stays after the
 * preview is gone (it then leads nowhere, as an old build's preview should). Serializable, as every action of the
 * plugin, so that pipeline program state that reaches it can be kept across a restart.
 */
public final class PreviewAction implements Action, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String app;
    private final String pr;
    private final String url;

    PreviewAction(String app, String pr, String url) {
        this.app = app;
        this.pr = pr;
        this.url = url;
    }

    public String getApp() {
        return app;
    }

    public String getPr() {
        return pr;
    }

    public String getUrl() {
        return url;
    }

    @Override
    public String getIconFileName() {
        return "symbol-link";
    }

    @Override
    public String getDisplayName() {
        return Messages.PreviewAction_DisplayName(app, pr);
    }

    /** An absolute URL: Jenkins links the side panel entry straight to the preview. */
    @Override
    public String getUrlName() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreviewAction other
                && app.equals(other.app)
                && pr.equals(other.pr)
                && url.equals(other.url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(app, pr, url);
    }
}
