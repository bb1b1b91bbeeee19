package io.jenkins.plugins.environments.registry;

/**
 * What one copy of an image did.
 *
 * @param source the image copied, {@code host/repository@sha256:…}
 * @param target where it went, {@code host/repository:tag}
 * @param digest the digest the target tag now points at, the same as the source's
 * @param previousDigest what the target tag pointed at before, or {@code null} if it did not exist
 * @param mode how it was copied
 * @param requests HTTP requests sent to the two registries (token requests not counted)
 * @param blobBytesUploaded bytes of blobs sent to the target, failed tries included
 * @param blobsMounted blobs linked from the source repository by a cross-repository mount
 * @param blobsSkipped blobs the target already had
 * @param blobsUploaded blobs streamed from the source to the target
 * @param manifestsPut manifests put to the target (child manifests of an index, then the tagged one)
 * @param retries requests tried again after a transient failure
 */
public record CopyReport(
        String source,
        String target,
        Digest digest,
        Digest previousDigest,
        Mode mode,
        long requests,
        long blobBytesUploaded,
        int blobsMounted,
        int blobsSkipped,
        int blobsUploaded,
        int manifestsPut,
        int retries) {

    /** How an image reached its target. */
    public enum Mode {
        /** The target tag already pointed at the digest; nothing was written. */
        ALREADY_IN_PLACE,
        /** Same repository: only the tag was put. */
        RETAG,
        /** Another repository of the same registry: blobs mounted, manifests put. */
        MOUNT,
        /** Another registry: missing blobs streamed across, manifests put. */
        COPY
    }

    /** @return one line for a build log */
    public String summary() {
        if (mode == Mode.ALREADY_IN_PLACE) {
            return target + " already points at " + digest + " (" + requests + " request" + (requests == 1 ? "" : "s")
                    + ")";
        }
        return target + " now points at " + digest
                + (previousDigest == null ? " (new tag)" : " (was " + previousDigest + ")") + ": "
                + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", " + manifestsPut
                + " manifest(s) put, blobs " + blobsUploaded + " uploaded (" + blobBytesUploaded + " bytes), "
                + blobsMounted + " mounted, " + blobsSkipped + " already there; " + requests + " requests, " + retries
                + " retries";
    }
}
