package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.kubernetes.LivePreview;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.WhenFull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps concurrent deploys of this Jenkins apart.
 *
 * <ul>
 *   <li><b>One deploy per preview at a time.</b> {@link #lock} holds a fair lock per cluster and namespace, so two
 *       builds of one pull request never interleave their applies; the second waits (interruptibly, so an abort ends
 *       the wait) and then rolls out over the first.
 *   <li><b>The cluster's cap.</b> {@link #admit} lets a preview in when its namespace is already live (a redeploy),
 *       or when the live previews plus those being created right now are fewer than {@code maxConcurrentPreviews}.
 *       Admission is decided under a monitor per cluster, so two new previews cannot both take the last slot. When
 *       the cluster is full, {@link WhenFull#FAIL} fails naming the live previews and {@link WhenFull#QUEUE} waits:
 *       it says so in the log once, wakes when this Jenkins tears a preview down, and looks at the cluster again at
 *       least every {@code recheck} (previews can also end elsewhere). An abort interrupts the wait.
 * </ul>
 *
 * <p>It coordinates one Jenkins controller; the cluster's labels stay the source of truth for what is live.
 */
public final class PreviewCoordinator {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Slots> slots = new ConcurrentHashMap<>();
    private final Duration recheck;

    /** @param recheck how often a queued deploy looks at the cluster again when nothing here wakes it */
    public PreviewCoordinator(Duration recheck) {
        this.recheck = recheck;
    }

    /** A held lock or admission; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until no other deploy or teardown of this preview runs here.
     *
     * @param log told once when the preview is busy
     */
    public Held lock(PreviewTarget target, Consumer<String> log) throws InterruptedException {
        ReentrantLock lock =
                locks.computeIfAbsent(key(target.cluster(), target.namespace()), k -> new ReentrantLock(true));
        if (!lock.tryLock()) {
            log.accept("Waiting for another deploy or teardown of " + target.describe() + " to finish");
            lock.lockInterruptibly();
        }
        return lock::unlock;
    }

    /**
     * Lets a preview onto its cluster, or fails, or waits, as the cluster's cap and {@code whenFull} say.
     *
     * @param live lists the cluster's live previews; called under this cluster's monitor, not at all without a cap
     * @return the admission, to be closed once the namespace exists (or the deploy failed)
     * @throws PreviewException when the cluster is full and {@code whenFull} is {@link WhenFull#FAIL}
     */
    public Held admit(PreviewTarget target, WhenFull whenFull, Supplier<List<LivePreview>> live, Consumer<String> log)
            throws InterruptedException {
        Cluster cluster = target.cluster();
        if (!cluster.limitsPreviews()) {
            return () -> {};
        }
        Slots state = slots.computeIfAbsent(cluster.id(), k -> new Slots());
        String namespace = target.namespace();
        boolean told = false;
        synchronized (state) {
            while (true) {
                Set<String> taken = new TreeSet<>(state.reserved);
                for (LivePreview preview : live.get()) {
                    taken.add(preview.namespace());
                }
                if (taken.contains(namespace) || taken.size() < cluster.maxConcurrentPreviews()) {
                    state.reserved.add(namespace);
                    return () -> release(state, namespace);
                }
                String inUse = taken.size() + " of " + cluster.maxConcurrentPreviews() + " in use: "
                        + String.join(", ", new ArrayList<>(taken));
                if (whenFull == WhenFull.FAIL) {
                    throw new PreviewException("Cluster '" + cluster.id() + "' already runs its maximum of "
                            + cluster.maxConcurrentPreviews() + " previews (" + inUse + "); " + namespace
                            + " was not created. Tear a preview down, or set whenFull to queue");
                }
                if (!told) {
                    log.accept("Waiting for a preview slot on cluster '" + cluster.id() + "' (" + inUse
                            + "); abort the build to stop waiting");
                    told = true;
                }
                state.wait(Math.max(1, recheck.toMillis()));
            }
        }
    }

    /** Tells queued deploys for a cluster that a preview there has gone. */
    public void released(Cluster cluster) {
        Slots state = slots.get(cluster.id());
        if (state != null) {
            synchronized (state) {
                state.notifyAll();
            }
        }
    }

    private static void release(Slots state, String namespace) {
        synchronized (state) {
            state.reserved.remove(namespace);
            state.notifyAll();
        }
    }

    private static String key(Cluster cluster, String namespace) {
        return cluster.id() + "/" + namespace;
    }

    /** Namespaces being created on one cluster that a list may not show yet. */
    private static final class Slots {
        private final Set<String> reserved = new HashSet<>();
    }
}
