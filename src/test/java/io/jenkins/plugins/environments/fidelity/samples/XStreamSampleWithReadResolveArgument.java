package io.jenkins.plugins.environments.fidelity.samples;

import java.util.ArrayList;
import java.util.List;

/** Broken on purpose: its {@code readResolve} takes a parameter, so nothing calls it after loading. */
public final class XStreamSampleWithReadResolveArgument {

    private List<String> names = new ArrayList<>();

    public List<String> names() {
        return names;
    }

    private Object readResolve(String defaultName) {
        if (names == null) {
            names = new ArrayList<>(List.of(defaultName));
        }
        return this;
    }
}
