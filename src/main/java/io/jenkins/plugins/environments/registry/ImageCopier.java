package io.jenkins.plugins.environments.registry;

import static io.jenkins.plugins.environments.model.Names.quote;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.registry.RetryPolicy.BlobMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves one image, named by its digest, to a repository and tag: the registry strategy of {@code promoteDigest}.
 *
 * <ul>
 *   <li>Same repository: a retag, the manifest put under the target tag; no blob is touched.
 *   <li>Another repository of the same registry: every blob is mounted from the source repository (a registry that
 *       answers a mount with an upload session gets the blob streamed instead).
 *   <li>Another registry: every blob the target lacks ({@code HEAD} first) is streamed from a {@code GET} on the
 *       source into a {@code PUT} on the target, once, and checked against its digest on the way.
 * </ul>
 *
 * The manifests of an index are put (by digest) before the index, and the target tag is put last: until then it keeps
 * pointing where it pointed before, so it never names an image whose parts are missing. Manifest bytes are copied
 * as they are, so the digest stays the same. A target tag that already points at the digest costs one {@code HEAD}.
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

    /**
     * @param source the session to the registry the images come from
     * @param target the session to the registry they go to; may be the same session
     * @param retry when to try a failed request again
     */
    public ImageCopier(RegistrySession source, RegistrySession target, RetryPolicy retry) {
        this.source = new RegistryClient(Objects.requireNonNull(source, "source"));
        this.target = source == target ? this.source : new RegistryClient(Objects.requireNonNull(target, "target"));
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sameRegistry = source.access().baseUri().equals(target.access().baseUri());
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
        return new Run(from, to).copy();
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
        private long bytesUploaded;
        private int mounted;
        private int skipped;
        private int uploaded;
        private int manifestsPut;
        private int retries;

        Run(ImageReference from, ImageReference to) {
            this.from = from;
            this.to = to;
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
                List<Manifest> manifests = new ArrayList<>();
                collect(top, manifests, 0);
                Set<Digest> seen = new HashSet<>();
                for (Manifest manifest : manifests) {
                    for (Manifest.Descriptor blob : manifest.blobs()) {
                        if (seen.add(blob.digest())) {
                            transfer(blob);
                        }
                    }
                }
                for (Manifest manifest : manifests) {
                    if (manifest != top) {
                        attempt(() -> target.putManifest(
                                to.repository(), manifest.digest().value(), manifest));
                        manifestsPut++;
                    }
                }
            }
            attempt(() -> target.putManifest(to.repository(), to.tag(), top));
            manifestsPut++;
            return report(mode, previous);
        }

        /** The manifest and, for an index, the manifests it lists (recursively), each before what lists it. */
        private void collect(Manifest manifest, List<Manifest> into, int depth) throws RegistryAccessException {
            if (depth > MAX_INDEX_DEPTH) {
                throw new RegistryAccessException(source.session().access().describe() + ": " + from
                        + " nests indexes more than " + MAX_INDEX_DEPTH + " deep; refusing to copy it");
            }
            for (Manifest.Descriptor child : manifest.manifests()) {
                Manifest fetched = attempt(() ->
                        source.getManifest(from.repository(), child.digest().value()));
                collect(fetched, into, depth + 1);
            }
            into.add(manifest);
        }

        private void transfer(Manifest.Descriptor blob) throws RegistryAccessException {
            if (mode == CopyReport.Mode.MOUNT) {
                RegistryClient.Mount mount =
                        attempt(() -> target.mountBlob(to.repository(), blob.digest(), from.repository()));
                if (mount.mounted()) {
                    mounted++;
                } else {
                    upload(blob, mount.uploadLocation());
                }
            } else if (attempt(() -> target.hasBlob(to.repository(), blob.digest()))) {
                skipped++;
            } else {
                upload(blob, null);
            }
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
            uploaded++;
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
                    retries++;
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
                    bytesUploaded,
                    mounted,
                    skipped,
                    uploaded,
                    manifestsPut,
                    retries);
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
                        bytesUploaded += n;
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
