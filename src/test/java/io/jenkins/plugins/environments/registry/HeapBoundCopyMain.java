package io.jenkins.plugins.environments.registry;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child process of {@link HeapBoundCopy}: copies one image between two anonymous registries with {@link
 * ImageCopier}, in a JVM started with a small {@code -Xmx}, and prints what the copy moved and how much heap it took,
 * one {@code key=value} a line.
 *
 * <p>The peak is the largest heap occupancy seen: the heap is fullest just before a collection, so the peak is the
 * largest sum of the heap pools' usage before any collection (from the collectors' notifications), or the usage at the
 * end if that is larger. A collection forced at the end supplies that last reading. A collector fills the heap it is
 * given before it collects, so that peak tells how small a heap the copy fits in; what stays after each collection
 * (the largest is printed as {@code peakAfterCollection}) is closer to what the copy holds on to. The sum of the
 * pools' own peaks is printed too; it may exceed the real peak, as the pools peak at different moments.
 *
 * <p>Arguments: source {@code host:port}, source image {@code host:port/repository@sha256:…}, target {@code host:port},
 * target image {@code host:port/repository:tag}.
 */
public final class HeapBoundCopyMain {

    private HeapBoundCopyMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: HeapBoundCopyMain SOURCE_HOST SOURCE_IMAGE TARGET_HOST TARGET_IMAGE");
            System.exit(2);
        }
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        AtomicLong peakBeforeCollection = new AtomicLong();
        AtomicLong peakAfterCollection = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        CountDownLatch forced = new CountDownLatch(1);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        notification.getType())) {
                                    return;
                                }
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools);
                                peakBeforeCollection.accumulateAndGet(before, Math::max);
                                if (!"System.gc()".equals(info.getGcCause())) {
                                    long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc(), heapPools);
                                    peakAfterCollection.accumulateAndGet(after, Math::max);
                                }
                                collections.incrementAndGet();
                                if ("System.gc()".equals(info.getGcCause())) {
                                    forced.countDown();
                                }
                            },
                            null,
                            null);
        }

        CopyReport report;
        try (RegistrySession source = anonymous("source", args[0]);
                RegistrySession target = anonymous("target", args[2])) {
            report = new ImageCopier(source, target, RetryPolicy.standard()).promote(args[1], args[3]);
        }
        long usedAtEnd =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.gc();
        boolean seen = forced.await(10, TimeUnit.SECONDS);
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .toList();
        System.out.println("digest=" + report.digest());
        System.out.println("mode=" + report.mode());
        System.out.println("blobsUploaded=" + report.blobsUploaded());
        System.out.println("blobBytesUploaded=" + report.blobBytesUploaded());
        System.out.println("requests=" + report.requests());
        System.out.println("peakHeapUsed=" + Math.max(peakBeforeCollection.get(), usedAtEnd));
        System.out.println("peakAfterCollection=" + peakAfterCollection.get());
        System.out.println("poolPeaks=" + poolPeaks);
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        System.out.println("collections=" + collections.get());
        System.out.println("forcedCollectionSeen=" + seen);
        System.out.println("collectors=" + String.join(", ", collectors));
        System.out.flush();
    }

    private static long heapUsed(Map<String, MemoryUsage> usage, Set<String> heapPools) {
        return usage.entrySet().stream()
                .filter(entry -> heapPools.contains(entry.getKey()))
                .mapToLong(entry -> entry.getValue().getUsed())
                .sum();
    }

    private static RegistrySession anonymous(String name, String host) {
        return new RegistrySession(new RegistryAccess(name, host, true, new RegistryCredential.Anonymous(), null));
    }
}
