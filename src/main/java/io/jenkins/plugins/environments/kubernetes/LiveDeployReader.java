package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.dashboard.DriftReadException;
import io.jenkins.plugins.environments.dashboard.DriftTarget;
import io.jenkins.plugins.environments.dashboard.LiveDigestReader;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.Timeouts;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@code deploy} cell really runs: the digest the ready pods of the app's own workloads in its namespace report
 * for the app's repository, as {@link LiveImages} reads them (four LISTs). When every such pod runs the promoted
 * digest, that is the answer; when some run another image of the repository, the other digest (the one most pods run)
 * is; when none runs anything of the repository, {@code null}.
 *
 * <p>The read is over by the deadline whatever the API server does: the client's connect and request timeouts are cut
 * to what is left of it, and the LISTs run on a thread of their own that is abandoned (and the client closed under
 * it) when the deadline passes first. Failures name the cluster by its id, never its server, nor the credentials.
 */
public final class LiveDeployReader implements LiveDigestReader {

    /** The smallest timeout handed to the client: fabric8 reads zero as "no timeout". */
    private static final Duration SHORTEST = Duration.ofMillis(100);

    /** Connects to a configured cluster by its id. */
    @FunctionalInterface
    public interface Clusters {
        /**
         * @return a client the reader closes
         * @throws DriftReadException with a message fit for the page, when the cluster cannot be used
         */
        KubernetesClient connect(String clusterId, Timeouts timeouts) throws Exception;
    }

    private final Clusters clusters;
    private final Timeouts timeouts;

    /** A reader with the {@linkplain Timeouts#configured() configured timeouts}. */
    public LiveDeployReader(Clusters clusters) {
        this(clusters, Timeouts.configured());
    }

    public LiveDeployReader(Clusters clusters, Timeouts timeouts) {
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String liveDigest(DriftTarget target, Deadline deadline) throws DriftReadException, InterruptedException {
        if (target.cluster() == null || target.namespace() == null || target.repository() == null) {
            throw new DriftReadException(target.describe() + " names no cluster, namespace and repository to look at");
        }
        String where = "cluster '" + target.cluster() + "'";
        if (deadline.expired()) {
            throw new DriftReadException(where + " was not asked: " + took(deadline));
        }
        Timeouts bounded =
                new Timeouts(atLeast(deadline.atMost(timeouts.connect())), atLeast(deadline.atMost(timeouts.idle())));
        KubernetesClient client;
        try {
            client = clusters.connect(target.cluster(), bounded);
        } catch (DriftReadException e) {
            throw e;
        } catch (Exception e) {
            throw new DriftReadException(
                    where + " could not be connected to (" + e.getClass().getSimpleName() + ")");
        }
        FutureTask<LiveImages.Reading> reading = new FutureTask<>(() -> LiveImages.read(
                client, target.namespace(), target.app(), target.repository(), target.expectedDigest()));
        try (client) {
            Thread.ofVirtual().name("drift-read-" + target.cluster()).start(reading);
            return liveDigestOf(
                    reading.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS), target.expectedDigest());
        } catch (TimeoutException e) {
            reading.cancel(true);
            throw new DriftReadException(where + " did not answer within " + Durations.format(deadline.total()));
        } catch (InterruptedException e) {
            reading.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw new DriftReadException(where + " " + failure(e.getCause(), target.namespace()));
        }
    }

    /**
     * @return the promoted digest when every ready pod of the repository runs it; otherwise the other digest most of
     *     them run (the smallest of equals); {@code null} when none runs the repository
     */
    static String liveDigestOf(LiveImages.Reading reading, String expected) {
        Map<String, Long> others = reading.others().stream()
                .map(LiveDeployReader::digestOfImageId)
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        if (!others.isEmpty()) {
            return others.entrySet().stream()
                    .max(Comparator.comparingLong(Map.Entry<String, Long>::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow()
                    .getKey();
        }
        return reading.running() > 0 ? expected : null;
    }

    /** @return the digest of an image ID such as {@code docker-pullable://repo@sha256:…}, or {@code null} */
    static String digestOfImageId(String imageId) {
        int at = imageId.lastIndexOf('@');
        String digest = at < 0 ? imageId : imageId.substring(at + 1);
        return Digests.isDigest(digest) ? digest : null;
    }

    private static String failure(Throwable cause, String namespace) {
        if (cause instanceof KubernetesClientException e) {
            int code = e.getCode();
            if (code == 401 || code == 403) {
                return "refused to show namespace " + namespace + " with the configured credentials (HTTP " + code
                        + ")";
            }
            if (code > 0) {
                return "answered HTTP " + code + " for namespace " + namespace;
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "is unreachable (connection refused)";
            }
            if (t instanceof UnknownHostException) {
                return "is unreachable (unknown host)";
            }
            if (t instanceof InterruptedIOException) {
                return "did not answer in time";
            }
        }
        return "could not be read (" + rootType(cause) + ")";
    }

    private static String rootType(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static Duration atLeast(Duration duration) {
        return duration.compareTo(SHORTEST) < 0 ? SHORTEST : duration;
    }

    private static String took(Deadline deadline) {
        return "the read's time of " + Durations.format(deadline.total()) + " had run out";
    }
}
