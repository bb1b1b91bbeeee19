package io.jenkins.plugins.environments.fidelity.samples;

import hudson.model.Action;

/** Broken on purpose: an action a build would keep in {@code build.xml}, which no XStream round trip covers. */
public final class XStreamSampleAction implements Action {

    private String note;

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return note;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
