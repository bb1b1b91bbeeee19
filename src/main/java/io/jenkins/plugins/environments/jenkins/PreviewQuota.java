package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The {@code quota} argument of {@code deployPreview}: overrides of the preview namespace's ResourceQuota. A concrete
 * data-bound type, so a pipeline writes it as a map ({@code quota: [cpu: '2', memory: '4Gi', pods: '20']}) and the
 * Snippet Generator draws it as a nested form. The values are checked where every quota is, when the preview is
 * planned.
 */
public final class PreviewQuota implements Describable<PreviewQuota>, Serializable {

    private static final long serialVersionUID = 1L;

    private String cpu;
    private String memory;
    private String pods;

    @DataBoundConstructor
    public PreviewQuota() {}

    public String getCpu() {
        return cpu;
    }

    /** CPU of all containers together, in Kubernetes quantity form ({@code 2}, {@code 500m}). */
    @DataBoundSetter
    public void setCpu(String cpu) {
        this.cpu = given(cpu);
    }

    public String getMemory() {
        return memory;
    }

    /** Memory of all containers together, in Kubernetes quantity form ({@code 4Gi}). */
    @DataBoundSetter
    public void setMemory(String memory) {
        this.memory = given(memory);
    }

    public String getPods() {
        return pods;
    }

    /** The number of pods, written as a string ({@code '20'}), like the other two. */
    @DataBoundSetter
    public void setPods(String pods) {
        this.pods = given(pods);
    }

    /** @return the overrides that are set, keyed {@code cpu}, {@code memory}, {@code pods}, as the planner takes them */
    Map<String, String> overrides() {
        Map<String, String> result = new LinkedHashMap<>();
        if (cpu != null) {
            result.put("cpu", cpu);
        }
        if (memory != null) {
            result.put("memory", memory);
        }
        if (pods != null) {
            result.put("pods", pods);
        }
        return result;
    }

    /** Blank means not given, so the form's empty text boxes keep the defaults (as unset keys of the map do). */
    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<PreviewQuota> {

        @Override
        public String getDisplayName() {
            return Messages.PreviewQuota_DisplayName();
        }
    }
}
