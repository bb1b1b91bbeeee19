package io.jenkins.plugins.environments.fidelity.samples;

import java.util.ArrayList;
import java.util.List;

/** Broken on purpose: its {@code readResolve} returns nothing, so XStream loads {@code null} in its place. */
public final class XStreamSampleWithVoidReadResolve {

    private List<String> names = new ArrayList<>();

    public List<String> names() {
        return names;
    }

    private void readResolve() {
        if (names == null) {
            names = new ArrayList<>();
        }
    }
}
