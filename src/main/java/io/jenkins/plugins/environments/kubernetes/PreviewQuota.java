package io.jenkins.plugins.environments.kubernetes;

/**
 * The resource bounds of one preview namespace: a ResourceQuota ({@code cpu}, {@code memory}, {@code pods}) and a
 * LimitRange giving containers without their own resources a default request and limit.
 *
 * @param cpu total CPU requests allowed in the namespace, such as {@code 2}
 * @param memory total memory requests allowed, such as {@code 4Gi}
 * @param pods how many pods may exist
 * @param defaultCpuRequest CPU request of a container that states none
 * @param defaultMemoryRequest memory request of a container that states none
 * @param defaultCpuLimit CPU limit of a container that states none
 * @param defaultMemoryLimit memory limit of a container that states none
 */
public record PreviewQuota(
        String cpu,
        String memory,
        int pods,
        String defaultCpuRequest,
        String defaultMemoryRequest,
        String defaultCpuLimit,
        String defaultMemoryLimit) {

    public PreviewQuota {
        PreviewInputs.quantity("CPU quota", cpu);
        PreviewInputs.quantity("Memory quota", memory);
        if (pods <= 0) {
            throw new IllegalArgumentException("Pod quota must be positive, not " + pods);
        }
        PreviewInputs.quantity("Default CPU request", defaultCpuRequest);
        PreviewInputs.quantity("Default memory request", defaultMemoryRequest);
        PreviewInputs.quantity("Default CPU limit", defaultCpuLimit);
        PreviewInputs.quantity("Default memory limit", defaultMemoryLimit);
    }

    /** 2 CPUs, 4 GiB, 20 pods; containers default to 100m/128Mi requested and 500m/512Mi as limit. */
    public static PreviewQuota standard() {
        return new PreviewQuota("2", "4Gi", 20, "100m", "128Mi", "500m", "512Mi");
    }
}
