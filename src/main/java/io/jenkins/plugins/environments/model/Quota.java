package io.jenkins.plugins.environments.model;

/**
 * How much a preview namespace may use in total (its ResourceQuota): CPU and memory requests as Kubernetes
 * quantities ({@link Quantities}), and a number of pods. Blank quantities mean {@code 2} CPUs and
 * {@code 4Gi}; pods {@code 0} means the default of 20 (a quota of no pods would make previews useless).
 */
public record Quota(String cpu, String memory, int pods) {

    public static final int DEFAULT_PODS = 20;

    /** Every value at its default. */
    public static final Quota DEFAULT = new Quota(null, null, 0);

    public Quota {
        cpu = checkCpu(cpu);
        memory = checkMemory(memory);
        pods = checkPods(pods);
    }

    /** @return the CPU quantity, {@code 2} when blank; problems are reported for field {@code cpu} */
    public static String checkCpu(String cpu) {
        return Quantities.cpuOrDefault("cpu", "Quota CPU", cpu, "2");
    }

    /** @return the memory quantity, {@code 4Gi} when blank; problems are reported for field {@code memory} */
    public static String checkMemory(String memory) {
        return Quantities.memoryOrDefault("memory", "Quota memory", memory, "4Gi");
    }

    /** @return the number of pods, 20 for 0; problems are reported for field {@code pods} */
    public static int checkPods(int pods) {
        if (pods < 0) {
            throw new InvalidConfigurationException(
                    "pods",
                    "Quota pods is " + pods + ": use a positive number, or 0 for the default of " + DEFAULT_PODS);
        }
        return pods == 0 ? DEFAULT_PODS : pods;
    }
}
