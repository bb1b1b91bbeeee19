package io.jenkins.plugins.environments.fidelity.samples;

/** Broken on purpose: a field declared {@code Object}, which Jenkins refuses to read a value into. */
public final class XStreamSampleWithObjectField {

    private Object value;

    public Object value() {
        return value;
    }
}
