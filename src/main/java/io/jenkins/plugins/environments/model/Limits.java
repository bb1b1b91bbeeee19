package io.jenkins.plugins.environments.model;

/**
 * The CPU and memory that a container in a preview gets when it states none (a LimitRange): default
 * requests and default limits, as Kubernetes quantities ({@link Quantities}). Blank values mean
 * {@code 100m}/{@code 128Mi} requests and {@code 500m}/{@code 512Mi} limits. A request may not be more
 * than the limit of the same resource, since Kubernetes would refuse such a container.
 */
public record Limits(
        String defaultCpuRequest, String defaultMemoryRequest, String defaultCpuLimit, String defaultMemoryLimit) {

    /** Every value at its default. */
    public static final Limits DEFAULT = new Limits(null, null, null, null);

    private static final String REASON = "a container cannot request more than its limit";

    public Limits {
        defaultCpuRequest = checkDefaultCpuRequest(defaultCpuRequest);
        defaultMemoryRequest = checkDefaultMemoryRequest(defaultMemoryRequest);
        defaultCpuLimit = checkDefaultCpuLimit(defaultCpuLimit);
        defaultMemoryLimit = checkDefaultMemoryLimit(defaultMemoryLimit);
        Quantities.requireAtMost(
                "defaultCpuRequest",
                "Default CPU request",
                defaultCpuRequest,
                "the default CPU limit",
                defaultCpuLimit,
                REASON);
        Quantities.requireAtMost(
                "defaultMemoryRequest",
                "Default memory request",
                defaultMemoryRequest,
                "the default memory limit",
                defaultMemoryLimit,
                REASON);
    }

    /** @return the quantity, {@code 100m} when blank; problems are reported for field {@code defaultCpuRequest} */
    public static String checkDefaultCpuRequest(String value) {
        return Quantities.cpuOrDefault("defaultCpuRequest", "Default CPU request", value, "100m");
    }

    /** @return the quantity, {@code 128Mi} when blank; problems for field {@code defaultMemoryRequest} */
    public static String checkDefaultMemoryRequest(String value) {
        return Quantities.memoryOrDefault("defaultMemoryRequest", "Default memory request", value, "128Mi");
    }

    /** @return the quantity, {@code 500m} when blank; problems are reported for field {@code defaultCpuLimit} */
    public static String checkDefaultCpuLimit(String value) {
        return Quantities.cpuOrDefault("defaultCpuLimit", "Default CPU limit", value, "500m");
    }

    /** @return the quantity, {@code 512Mi} when blank; problems for field {@code defaultMemoryLimit} */
    public static String checkDefaultMemoryLimit(String value) {
        return Quantities.memoryOrDefault("defaultMemoryLimit", "Default memory limit", value, "512Mi");
    }
}
