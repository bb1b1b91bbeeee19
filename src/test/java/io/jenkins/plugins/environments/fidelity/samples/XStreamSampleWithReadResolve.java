package io.jenkins.plugins.environments.fidelity.samples;

import java.util.ArrayList;
import java.util.List;

/** Right: a list missing from an older file is made empty by {@code readResolve}, and a transient cache is not written. */
public final class XStreamSampleWithReadResolve {

    private String name;
    private List<String> names = new ArrayList<>();
    private transient String cache;

    public XStreamSampleWithReadResolve(String name, String cache) {
        this.name = name;
        this.cache = cache;
    }

    public String name() {
        return name;
    }

    public List<String> names() {
        return names;
    }

    public String cache() {
        return cache;
    }

    private Object readResolve() {
        if (names == null) {
            names = new ArrayList<>();
        }
        return this;
    }
}
