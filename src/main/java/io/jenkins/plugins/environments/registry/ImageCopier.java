package io.jenkins.plugins.environments.registry;

import static io.jenkins.plugins.environments.model.Names.quote;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RetryPolicy.BlobMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves one image, named by its digest, to a repository and tag: the registry strategy of {@code promoteDigest}.
 *
 * <ul>
 *   <li>Same repository: a retag, the manifest put under the target tag; no blob is touched.
 *   <li>Another repository of the same registry: every blob is mounted from the source repository (a registry that
 *       answers a mount with an upload session gets the blob streamed instead).
 *   <li>Another registry: each blob is asked for with a mount from the target repository itself ({@code POST
 *       ?mount=<digest>&from=<target repository>}): the registry answers 201 when the repository already has it, else
 *       opens an upload session (202), as the distribution spec has it, so one request does what a {@code HEAD} and a
 *       {@code POST} would. A missing blob is then streamed from a {@code GET} on the source into one {@code PUT} on
 *       the target, once, and checked against its digest on the way.
 * </ul>
 *
 * Blobs move in parallel, at most {@code concurrency} at once (the target registry's
 * {@linkplain Registry#maxParallelTransfers() setting}), on daemon threads of the copy's own that end before it returns;
 * the manifests of an index are fetched in parallel within the same bound, and a blob several of them list moves once.
 * The first write to the target goes alone, so that the token it needs is fetched once and the other transfers reuse
 * it. Only when every blob is confirmed are the manifests of an index put (by digest, in parallel), then the index,
 * and the target tag last: until then it keeps pointing where it pointed before, so it never names an image whose
 * parts are missing. A blob that fails cancels the transfers still running, and nothing is put. Manifest bytes are
 * copied as they are, so the digest stays the same. A target tag that already points at the digest costs one
 * {@code HEAD}.
 *
 * <p>Each request is retried by the {@link RetryPolicy} when it fails in a way that may pass (a broken connection,
 * a 5xx, a 429); a blob upload is retried as a whole (new upload session, new download). A registry's
 * {@code Retry-After} is honoured up to the sessions' {@linkplain RegistrySession#within deadline}; a registry that
 * stalls (see {@link RegistrySession}) fails the copy at once, naming the registry and what it was sending.
 */
public final class ImageCopier {

    private static final Logger LOGGER = Logger.getLogger(ImageCopier.class.getName());
    private static final int MAX_INDEX_DEPTH = 4;

    private final RegistryClient source;
    private final RegistryClient target;
    private final RetryPolicy retry;
    private final boolean sameRegistry;
    private final int concurrency;

    /**
     * A copier that moves {@value Registry#DEFAULT_PARALLEL_TRANSFERS} blobs at once.
     *
     * @param source the session to the registry the images come from
     * @param target the session to the registry they go to; may be the same session
     * @param retry when to try a failed request again
     */
    public ImageCopier(RegistrySession source, RegistrySession target, RetryPolicy retry) {
        this(source, target, retry, Registry.DEFAULT_PARALLEL_TRANSFERS);
    }

    /**
     * @param source the session to the registry the images come from
     * @param target the session to the registry they go to; may be the same session
     * @param retry when to try a failed request again
     * @param concurrency how many blobs (or manifests of an index) move at once, 1 to
     *     {@value Registry#MAX_PARALLEL_TRANSFERS}
     * @throws io.jenkins.plugins.environments.model.InvalidConfigurationException for a concurrency out of range
     */
    public ImageCopier(RegistrySession source, RegistrySession target, RetryPolicy retry, int concurrency) {
        this.source = new RegistryClient(Objects.requireNonNull(source, "source"));
        this.target = source == target ? this.source : new RegistryClient(Objects.requireNonNull(target, "target"));
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sameRegistry = source.access().baseUri().equals(target.access().baseUri());
        this.concurrency = Registry.checkMaxParallelTransfers(concurrency);
    }

    /** @return how many blobs this copier moves at once */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Checks both references, then copies. Nothing is sent unless both are valid and name the two registries of this
     * copier.
     *
     * @param sourceImage {@code host[:port]/repository@sha256:…}; a tag is refused
     * @param targetImage {@code host[:port]/repository:tag}
     * @throws IllegalArgumentException for an invalid reference ({@link ImageReference#parseCopySource},
     *     {@link ImageReference#parseCopyTarget}), before any request
     * @throws RegistryAccessException if a registry fails, refuses, or serves something that does not match its digest
     */
    public CopyReport promote(String sourceImage, String targetImage) throws RegistryAccessException {
        return copy(
                ImageReference.parseCopySource("image", sourceImage),
                ImageReference.parseCopyTarget("targetImage", targetImage));
    }

    /**
     * Copies the image {@code from} (which names a digest and no tag) to the repository and tag {@code to}; both are
     * held to the same rules as in {@link #promote(String, String)}.
     *
     * @see #promote(String, String)
     */
    public CopyReport copy(ImageReference from, ImageReference to) throws RegistryAccessException {
        ImageReference.parseCopySource("image", from.toString());
        ImageReference.parseCopyTarget("targetImage", to.toString());
        requireHost(from, source, "source");
        requireHost(to, target, "target");
        try (ParallelTransfers transfers = new ParallelTransfers(concurrency, to.toString())) {
            return new Run(from, to, transfers).copy();
        }
    }

    private static void requireHost(ImageReference image, RegistryClient client, String role) {
        if (!image.isServedBy(client.session().access().host())) {
            throw new IllegalArgumentException("Image " + quote(image.toString()) + " is not on the " + role
                    + " registry: " + client.session().access().describe());
        }
    }

    /** One copy, with its counters. */
    private final class Run {

        private final ImageReference from;
        private final ImageReference to;
        private final long sourceRequestsBefore = source.session().requestsSent();
        private final long targetRequestsBefore = target.session().requestsSent();
        private final CopyReport.Mode mode;
        private final ParallelTransfers transfers;
        private final FirstWrite firstWrite = new FirstWrite();
        private final AtomicLong bytesUploaded = new AtomicLong();
        private final AtomicInteger mounted = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        private final AtomicInteger uploaded = new AtomicInteger();
        private final AtomicInteger manifestsPut = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();

        Run(ImageReference from, ImageReference to, ParallelTransfers transfers) {
            this.from = from;
            this.to = to;
            this.transfers = transfers;
            if (!sameRegistry) {
                mode = CopyReport.Mode.COPY;
            } else if (from.repository().equals(to.repository())) {
                mode = CopyReport.Mode.RETAG;
            } else {
                mode = CopyReport.Mode.MOUNT;
            }
        }

        CopyReport copy() throws RegistryAccessException {
            Digest digest = Digest.parse(from.digest());
            Optional<RegistryClient.ManifestHead> current =
                    attempt(() -> target.headManifest(to.repository(), to.tag()));
            Digest previous = current.map(RegistryClient.ManifestHead::digest).orElse(null);
            if (digest.equals(previous)) {
                return report(CopyReport.Mode.ALREADY_IN_PLACE, previous);
            }
            Manifest top = attempt(() -> source.getManifest(from.repository(), digest.value()));
            if (mode != CopyReport.Mode.RETAG) {
                // Each level of manifests below the top, the deepest first: the manifests an index lists go before it.
                List<List<Manifest>> levels = new ArrayList<>();
                Map<Digest, Manifest.Descriptor> blobs = new LinkedHashMap<>();
                collect(List.of(top), levels, blobs, 0);
                transfers.all(blobs.values().stream()
                        .<ParallelTransfers.Transfer<Void>>map(blob -> () -> transfer(blob))
                        .toList());
                for (List<Manifest> level : levels.reversed()) {
                    transfers.all(level.stream()
                            .<ParallelTransfers.Transfer<Digest>>map(manifest -> () -> putByDigest(manifest))
                            .toList());
                }
            }
            attempt(() -> target.putManifest(to.repository(), to.tag(), top));
            manifestsPut.incrementAndGet();
            return report(mode, previous);
        }

        /**
         * Collects the blobs of the manifests (the first time each is listed) and fetches the manifests they list, in
         * parallel, level by level; each fetched level is added to {@code levels}.
         */
        private void collect(
                List<Manifest> manifests,
                List<List<Manifest>> levels,
                Map<Digest, Manifest.Descriptor> blobs,
                int depth)
                throws RegistryAccessException {
            List<Manifest.Descriptor> children = new ArrayList<>();
            for (Manifest manifest : manifests) {
                manifest.blobs().forEach(blob -> blobs.putIfAbsent(blob.digest(), blob));
                children.addAll(manifest.manifests());
            }
            if (children.isEmpty()) {
                return;
            }
            if (depth >= MAX_INDEX_DEPTH) {
                throw new RegistryAccessException(source.session().access().describe() + ": " + from
                        + " nests indexes more than " + MAX_INDEX_DEPTH + " deep; refusing to copy it");
            }
            Map<Digest, Manifest.Descriptor> distinct = new LinkedHashMap<>();
            children.forEach(child -> distinct.putIfAbsent(child.digest(), child));
            List<Manifest> fetched = transfers.all(distinct.values().stream()
                    .<ParallelTransfers.Transfer<Manifest>>map(child -> () -> attempt(() ->
                            source.getManifest(from.repository(), child.digest().value())))
                    .toList());
            levels.add(fetched);
            collect(fetched, levels, blobs, depth + 1);
        }

        private Digest putByDigest(Manifest manifest) throws RegistryAccessException {
            Digest put = attempt(
                    () -> target.putManifest(to.repository(), manifest.digest().value(), manifest));
            manifestsPut.incrementAndGet();
            return put;
        }

        /**
         * One blob: a mount into the target repository, from the source repository within one registry (found: mounted)
         * or from the target repository itself across registries (found: the target has it already); either way a
         * registry that lacks the blob opens an upload session, into which it is streamed.
         */
        private Void transfer(Manifest.Descriptor blob) throws RegistryAccessException {
            boolean withinRegistry = mode == CopyReport.Mode.MOUNT;
            String mountFrom = withinRegistry ? from.repository() : to.repository();
            RegistryClient.Mount mount = firstWrite.through(
                    () -> attempt(() -> target.mountBlob(to.repository(), blob.digest(), mountFrom)));
            if (!mount.mounted()) {
                upload(blob, mount.uploadLocation());
            } else if (withinRegistry) {
                mounted.incrementAndGet();
            } else {
                skipped.incrementAndGet();
            }
            return null;
        }

        private void upload(Manifest.Descriptor blob, String openedLocation) throws RegistryAccessException {
            String[] location = {openedLocation};
            attempt(() -> {
                String where = location[0] != null ? location[0] : target.startUpload(to.repository());
                location[0] = null;
                // Opened before the target session is entered, so that one session is not held while waiting for
                // the other; only a re-send after a 401 opens the source again from inside the target's send.
                SourceBlob body = new SourceBlob(blob, source.openBlob(from.repository(), blob.digest()));
                try {
                    target.finishUpload(where, blob.digest(), body);
                } catch (RegistryAccessException e) {
                    if (body.stalled != null) {
                        // The source stopped sending: the target's failure is only the consequence.
                        throw body.stalled.failure();
                    }
                    if (body.mismatch != null) {
                        throw new RegistryAccessException(
                                source.session().access().describe() + ": blob " + blob.digest() + " of " + from + " "
                                        + body.mismatch + "; nothing was tagged",
                                e);
                    }
                    throw e;
                } finally {
                    body.closeUnused();
                }
                return null;
            });
            uploaded.incrementAndGet();
        }

        private <T> T attempt(Call<T> call) throws RegistryAccessException {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.run();
                } catch (RegistryAccessException e) {
                    if (!RetryPolicy.isTransient(e) || attempt >= retry.maxAttempts()) {
                        if (attempt == 1) {
                            throw e;
                        }
                        throw new RegistryAccessException(
                                e.getMessage() + " (gave up after " + attempt + " attempts)", e);
                    }
                    Duration wait = waitBeforeNext(e, attempt);
                    retries.incrementAndGet();
                    LOGGER.log(Level.FINE, "try {0} failed, trying again in {1}: {2}", new Object[] {
                        attempt, wait, e.getMessage()
                    });
                    try {
                        retry.sleeper().sleep(wait);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw new RegistryAccessException(
                                "interrupted while waiting to try again after: " + e.getMessage(), interrupted);
                    }
                }
            }
        }

        /**
         * How long to wait before the next try: what the registry asked for ({@code Retry-After}), or the policy's
         * backoff. A wait that would end past the step's deadline fails at once, with the registry's own answer.
         */
        private Duration waitBeforeNext(RegistryAccessException e, int attempt) throws RegistryAccessException {
            Optional<Duration> asked =
                    e instanceof RegistryResponseException response ? response.retryAfter() : Optional.empty();
            Duration wait = asked.orElseGet(() -> retry.delayAfter(attempt));
            Deadline deadline =
                    earlier(source.session().deadline(), target.session().deadline());
            Duration left = deadline.remaining();
            if (wait.compareTo(left) < 0) {
                return wait;
            }
            String remaining = Durations.format(Duration.ofSeconds(Math.max(1, left.toSeconds())));
            throw new RegistryAccessException(
                    asked.isPresent()
                            ? e.getMessage() + "; it asks to wait " + Durations.format(wait)
                                    + " before trying again (Retry-After), more than the " + remaining + " left of "
                                    + deadline.describe() + "; nothing was tagged"
                            : e.getMessage() + "; " + deadline.describe() + " leaves no time to try again",
                    e);
        }

        private static Deadline earlier(Deadline a, Deadline b) {
            return a.remaining().compareTo(b.remaining()) <= 0 ? a : b;
        }

        private CopyReport report(CopyReport.Mode how, Digest previous) {
            long requests = source.session().requestsSent() - sourceRequestsBefore;
            if (target != source) {
                requests += target.session().requestsSent() - targetRequestsBefore;
            }
            return new CopyReport(
                    from.toString(),
                    to.toString(),
                    Digest.parse(from.digest()),
                    previous,
                    how,
                    requests,
                    bytesUploaded.get(),
                    mounted.get(),
                    skipped.get(),
                    uploaded.get(),
                    manifestsPut.get(),
                    retries.get());
        }

        /**
         * The first request that writes to the target (an upload session or a mount) goes alone; the others wait for
         * its answer. A registry answers that first write with a 401 for a push scope: sent alone, it costs one 401
         * and one token, which the transfers after it reuse, instead of one 401 for each transfer in flight.
         */
        private final class FirstWrite {

            private boolean answered;
            private boolean underWay;
            private RegistryAccessException failed;

            /**
             * Runs the call; the first caller runs it alone. When that first write fails, the callers waiting for it
             * fail with the same failure (the copy fails with it anyway) instead of sending their own.
             */
            <T> T through(Call<T> call) throws RegistryAccessException {
                boolean alone;
                synchronized (this) {
                    while (underWay && !answered) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new RegistryAccessException(
                                    "interrupted while waiting to write to "
                                            + target.session().access().describe(),
                                    e);
                        }
                    }
                    if (failed != null) {
                        throw failed;
                    }
                    alone = !answered;
                    underWay = true;
                }
                if (!alone) {
                    return call.run();
                }
                RegistryAccessException failure = null;
                try {
                    return call.run();
                } catch (RegistryAccessException e) {
                    failure = e;
                    throw e;
                } finally {
                    synchronized (this) {
                        failed = failure;
                        answered = true;
                        notifyAll();
                    }
                }
            }
        }

        /** A blob read from the source registry as the target's upload asks for it, hashed and counted. */
        private final class SourceBlob implements RequestBody {

            private final Manifest.Descriptor blob;
            private InputStream opened;
            private String mismatch;
            private RegistryHttp.Stalled stalled;

            SourceBlob(Manifest.Descriptor blob, InputStream opened) {
                this.blob = blob;
                this.opened = opened;
            }

            void closeUnused() {
                if (opened != null) {
                    try {
                        opened.close();
                    } catch (IOException e) {
                        LOGGER.log(Level.FINE, "closing an unused download failed", e);
                    }
                }
            }

            @Override
            public long length() {
                return blob.size();
            }

            @Override
            public InputStream open() throws RegistryAccessException {
                InputStream in = opened != null ? opened : source.openBlob(from.repository(), blob.digest());
                opened = null;
                return new Verifying(in);
            }

            /** Counts and hashes what passes; at the end, refuses bytes that do not match the descriptor. */
            private final class Verifying extends FilterInputStream {

                private final MessageDigest sha256 = Digest.newSha256();
                private long count;

                Verifying(InputStream in) {
                    super(in);
                }

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n;
                    try {
                        n = super.read(buffer, offset, length);
                    } catch (RegistryHttp.Stalled e) {
                        stalled = e;
                        throw e;
                    }
                    if (n > 0) {
                        sha256.update(buffer, offset, n);
                        count += n;
                        bytesUploaded.addAndGet(n);
                        if (count > blob.size()) {
                            throw refuse("has more than the " + blob.size() + " bytes its descriptor gives");
                        }
                    } else if (n < 0) {
                        if (count != blob.size()) {
                            throw refuse("has " + count + " bytes, not the " + blob.size() + " its descriptor gives");
                        }
                        Digest actual = Digest.fromHash(sha256.digest());
                        if (!actual.equals(blob.digest())) {
                            throw refuse("was served with the digest " + actual);
                        }
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    throw new IOException("skipping is not supported");
                }

                @Override
                public boolean markSupported() {
                    return false;
                }

                private BlobMismatchException refuse(String problem) {
                    mismatch = problem;
                    return new BlobMismatchException(problem);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws RegistryAccessException;
    }

    @Override
    public String toString() {
        return "ImageCopier[" + source.session().access().describe() + " -> "
                + target.session().access().describe() + (sameRegistry ? ", same registry" : "") + "]";
    }
}
