package io.jenkins.plugins.environments.fidelity.samples;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Result;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Step and describable classes broken on purpose in the ways structs' {@code DescribableModel} cannot handle, and one
 * that uses every shape it can; {@code DescribableModelFidelityTest} runs the check on them.
 */
public final class StructsSamples {

    private StructsSamples() {}

    /** A step with an {@code Object} parameter, as {@code set} was. */
    public static final class ObjectParameterStep extends Step {
        private Object settings;

        @DataBoundConstructor
        public ObjectParameterStep() {}

        public Object getSettings() {
            return settings;
        }

        @DataBoundSetter
        public void setSettings(Object settings) {
            this.settings = settings;
        }

        @Override
        public StepExecution start(StepContext context) {
            throw new UnsupportedOperationException("a sample");
        }
    }

    /** A raw {@code Map} and a {@code Map<String, String>}. */
    public static final class MapParameters implements Describable<MapParameters> {
        @SuppressWarnings("rawtypes")
        private Map labels;

        private Map<String, String> annotations;

        @DataBoundConstructor
        public MapParameters() {}

        @SuppressWarnings("rawtypes")
        public Map getLabels() {
            return labels;
        }

        @DataBoundSetter
        @SuppressWarnings("rawtypes")
        public void setLabels(Map labels) {
            this.labels = labels;
        }

        public Map<String, String> getAnnotations() {
            return annotations;
        }

        @DataBoundSetter
        public void setAnnotations(Map<String, String> annotations) {
            this.annotations = annotations;
        }

        @Extension
        public static final class DescriptorImpl extends Descriptor<MapParameters> {}
    }

    /** A setter without a getter, and one whose getter gives another type. */
    public static final class SetterWithoutGetter implements Describable<SetterWithoutGetter> {
        private String colour;
        private int size;

        @DataBoundConstructor
        public SetterWithoutGetter() {}

        @DataBoundSetter
        public void setColour(String colour) {
            this.colour = colour;
        }

        public String getSize() {
            return Integer.toString(size);
        }

        @DataBoundSetter
        public void setSize(int size) {
            this.size = size;
        }

        @Override
        public String toString() {
            return colour;
        }
    }

    /** A constructor parameter that cannot be read back. */
    public static final class ConstructorWithoutGetter implements Describable<ConstructorWithoutGetter> {
        private final String name;

        @DataBoundConstructor
        public ConstructorWithoutGetter(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    /** Collections DescribableModel cannot see into: raw, wildcard. */
    public static final class LooseCollections implements Describable<LooseCollections> {
        @SuppressWarnings("rawtypes")
        private List entries;

        private List<?> hosts;

        @DataBoundConstructor
        public LooseCollections() {}

        @SuppressWarnings("rawtypes")
        public List getEntries() {
            return entries;
        }

        @DataBoundSetter
        @SuppressWarnings("rawtypes")
        public void setEntries(List entries) {
            this.entries = entries;
        }

        public List<?> getHosts() {
            return hosts;
        }

        @DataBoundSetter
        public void setHosts(List<?> hosts) {
            this.hosts = hosts;
        }
    }

    /** Nested classes: a describable with a broken setter, a plain class, a data-bound class without descriptor. */
    public static final class Outer implements Describable<Outer> {
        private Inner inner;
        private Duration timeout;
        private Plain plain;

        @DataBoundConstructor
        public Outer() {}

        public Inner getInner() {
            return inner;
        }

        @DataBoundSetter
        public void setInner(Inner inner) {
            this.inner = inner;
        }

        public Duration getTimeout() {
            return timeout;
        }

        @DataBoundSetter
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Plain getPlain() {
            return plain;
        }

        @DataBoundSetter
        public void setPlain(Plain plain) {
            this.plain = plain;
        }

        @Extension
        public static final class DescriptorImpl extends Descriptor<Outer> {}
    }

    public static final class Inner implements Describable<Inner> {
        private Object anything;

        @DataBoundConstructor
        public Inner() {}

        @DataBoundSetter
        public void setAnything(Object anything) {
            this.anything = anything;
        }

        @Override
        public String toString() {
            return String.valueOf(anything);
        }

        @Extension
        public static final class DescriptorImpl extends Descriptor<Inner> {}
    }

    public static final class Plain {
        private final String value;

        @DataBoundConstructor
        public Plain(String value) {
            this.value = value;
        }

        public String getValue() {
            return value;
        }
    }

    /** An abstract describable parameter, bound through its implementations, and an abstract type that is not one. */
    public static final class Drawing implements Describable<Drawing> {
        private Shape shape;
        private CharSequence title;

        @DataBoundConstructor
        public Drawing() {}

        public Shape getShape() {
            return shape;
        }

        @DataBoundSetter
        public void setShape(Shape shape) {
            this.shape = shape;
        }

        public CharSequence getTitle() {
            return title;
        }

        @DataBoundSetter
        public void setTitle(CharSequence title) {
            this.title = title;
        }
    }

    public abstract static class Shape implements Describable<Shape> {}

    public static final class Circle extends Shape {
        private int radius;

        @DataBoundConstructor
        public Circle() {}

        @DataBoundSetter
        public void setRadius(int radius) {
            this.radius = radius;
        }

        @Override
        public String toString() {
            return "circle of " + radius;
        }

        @Extension
        public static final class DescriptorImpl extends Descriptor<Shape> {}
    }

    public enum Mode {
        FAST,
        SAFE
    }

    /** Every shape structs handles: atoms, enums, URL, Result, arrays and lists of them, a nested describable. */
    public static final class EveryGoodShape implements Describable<EveryGoodShape> {
        public final String name;
        private final int count;
        private boolean enabled;
        private Boolean override;
        private Mode mode;
        private URL link;
        private Result threshold;
        private String[] tags;
        private List<String> entries;
        private Set<Mode> modes;
        private List<Leaf> leaves;

        @DataBoundConstructor
        public EveryGoodShape(String name, int count) {
            this.name = name;
            this.count = count;
        }

        public int getCount() {
            return count;
        }

        public boolean isEnabled() {
            return enabled;
        }

        @DataBoundSetter
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Boolean getOverride() {
            return override;
        }

        @DataBoundSetter
        public void setOverride(Boolean override) {
            this.override = override;
        }

        public Mode getMode() {
            return mode;
        }

        @DataBoundSetter
        public void setMode(Mode mode) {
            this.mode = mode;
        }

        public URL getLink() {
            return link;
        }

        @DataBoundSetter
        public void setLink(URL link) {
            this.link = link;
        }

        public Result getThreshold() {
            return threshold;
        }

        @DataBoundSetter
        public void setThreshold(Result threshold) {
            this.threshold = threshold;
        }

        public String[] getTags() {
            return tags;
        }

        @DataBoundSetter
        public void setTags(String[] tags) {
            this.tags = tags;
        }

        public List<String> getEntries() {
            return entries;
        }

        @DataBoundSetter
        public void setEntries(List<String> entries) {
            this.entries = entries;
        }

        public Set<Mode> getModes() {
            return modes;
        }

        @DataBoundSetter
        public void setModes(Set<Mode> modes) {
            this.modes = modes;
        }

        public List<Leaf> getLeaves() {
            return leaves;
        }

        @DataBoundSetter
        public void setLeaves(List<Leaf> leaves) {
            this.leaves = leaves;
        }

        @Extension
        public static final class DescriptorImpl extends Descriptor<EveryGoodShape> {}
    }

    public static final class Leaf implements Describable<Leaf> {
        private String value;

        @DataBoundConstructor
        public Leaf() {}

        public String getValue() {
            return value;
        }

        @DataBoundSetter
        public void setValue(String value) {
            this.value = value;
        }

        @Extension
        public static final class DescriptorImpl extends Descriptor<Leaf> {}
    }
}
