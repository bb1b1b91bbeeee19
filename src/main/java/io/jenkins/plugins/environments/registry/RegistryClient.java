package io.jenkins.plugins.environments.registry;

import static io.jenkins.plugins.environments.model.Names.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.environments.model.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The manifest and blob operations of the OCI distribution spec, one HTTP request each, over a {@link
 * RegistrySession}: manifests HEAD, GET and PUT; blobs HEAD and GET; uploads started with POST (or a cross-repository
 * mount) and finished with one PUT carrying the whole blob, streamed.
 *
 * <p>Every answer the spec does not promise for success becomes a {@link RegistryResponseException} that names the
 * registry, the request and the status, with the error code and message of the spec's JSON error body. Manifests are
 * checked against their digest; repository names, tags and digests are checked before any request.
 */
public final class RegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERROR_BODY_LIMIT = 8192;
    private static final int MESSAGE_LIMIT = 300;

    private final RegistrySession session;

    public RegistryClient(RegistrySession session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /** @return the session requests go through */
    public RegistrySession session() {
        return session;
    }

    /**
     * What a {@code HEAD} of a manifest tells.
     *
     * @param digest the manifest's digest ({@code Docker-Content-Digest})
     * @param mediaType its media type ({@code Content-Type})
     * @param size its size in bytes ({@code Content-Length}), or -1
     */
    public record ManifestHead(Digest digest, String mediaType, long size) {}

    /**
     * The answer to a cross-repository mount.
     *
     * @param mounted whether the blob is now in the target repository (201)
     * @param uploadLocation when not mounted (202), the upload session the registry opened instead
     */
    public record Mount(boolean mounted, String uploadLocation) {}

    /**
     * {@code HEAD /v2/<name>/manifests/<reference>}.
     *
     * @return the manifest's digest, media type and size; empty if the registry has no such manifest (404)
     */
    public Optional<ManifestHead> headManifest(String repository, String reference) throws RegistryAccessException {
        RegistryRequest request =
                RegistryRequest.head(manifestPath(repository, reference)).withHeader("Accept", Manifest.ACCEPT);
        HttpResponse<byte[]> response = session.send(request);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(request, response, 200);
        Optional<String> digest = response.headers().firstValue("Docker-Content-Digest");
        if (digest.isEmpty()) {
            // The spec says the header SHOULD be there; without it, the bytes tell.
            Manifest manifest = getManifest(repository, reference);
            return Optional.of(new ManifestHead(manifest.digest(), manifest.mediaType(), manifest.size()));
        }
        return Optional.of(new ManifestHead(
                parseDigest(request, digest.get()),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValueAsLong("Content-Length").orElse(-1)));
    }

    /**
     * {@code GET /v2/<name>/manifests/<reference>}, accepting OCI indexes and manifests and Docker v2 lists and
     * manifests. When the reference is a digest, the bytes must hash to it; when it is a tag, they must hash to the
     * {@code Docker-Content-Digest} the registry sent, if any.
     */
    public Manifest getManifest(String repository, String reference) throws RegistryAccessException {
        RegistryRequest request =
                RegistryRequest.get(manifestPath(repository, reference)).withHeader("Accept", Manifest.ACCEPT);
        HttpResponse<byte[]> response = session.send(request);
        expect(request, response, 200);
        Digest actual = Digest.of(response.body());
        Optional<String> claimed = response.headers().firstValue("Docker-Content-Digest");
        String expected = reference.startsWith("sha256:") ? reference : claimed.orElse(actual.value());
        if (!actual.value().equals(expected)) {
            throw new RegistryAccessException(session.access().describe() + ": the manifest served for " + repository
                    + ":" + reference + " hashes to " + actual + ", not " + expected + "; refusing it");
        }
        try {
            return Manifest.parse(
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new RegistryAccessException(session.access().describe() + ": the manifest " + repository + "@"
                    + actual + " cannot be copied: " + e.getMessage());
        }
    }

    /**
     * {@code PUT /v2/<name>/manifests/<reference>} with exactly the manifest's bytes and its own media type.
     *
     * @return the digest the registry stored it under (its {@code Docker-Content-Digest}), which must be the
     *     manifest's
     */
    public Digest putManifest(String repository, String reference, Manifest manifest) throws RegistryAccessException {
        RegistryRequest request =
                RegistryRequest.put(manifestPath(repository, reference), manifest.mediaType(), manifest.bytes());
        HttpResponse<byte[]> response = session.send(request);
        expect(request, response, 201);
        Optional<String> stored = response.headers().firstValue("Docker-Content-Digest");
        if (stored.isPresent() && !stored.get().equals(manifest.digest().value())) {
            throw new RegistryAccessException(session.access().describe() + " stored the manifest put by " + request
                    + " as " + stored.get() + ", not " + manifest.digest());
        }
        return manifest.digest();
    }

    /** {@code HEAD /v2/<name>/blobs/<digest>}: whether the repository has the blob. */
    public boolean hasBlob(String repository, Digest digest) throws RegistryAccessException {
        RegistryRequest request = RegistryRequest.head(blobPath(repository, digest));
        HttpResponse<byte[]> response = session.send(request);
        if (response.statusCode() == 404) {
            return false;
        }
        expect(request, response, 200);
        return true;
    }

    /**
     * {@code GET /v2/<name>/blobs/<digest>}, following redirects to storage (without credentials).
     *
     * @return the blob's bytes as a stream, for the caller to read and close
     */
    public InputStream openBlob(String repository, Digest digest) throws RegistryAccessException {
        RegistryRequest request = RegistryRequest.get(blobPath(repository, digest));
        HttpResponse<InputStream> response = session.open(request);
        if (response.statusCode() != 200) {
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(ERROR_BODY_LIMIT);
            } catch (IOException e) {
                body = new byte[0];
            }
            throw failure(request, response.statusCode(), body, response.headers());
        }
        return response.body();
    }

    /**
     * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}: asks the registry to link a blob of
     * another repository into this one.
     */
    public Mount mountBlob(String repository, Digest digest, String fromRepository) throws RegistryAccessException {
        requireRepository(fromRepository);
        RegistryRequest request = new RegistryRequest(
                "POST",
                uploadsPath(repository) + "?mount=" + encode(digest.value()) + "&from=" + encode(fromRepository),
                Map.of(),
                null);
        HttpResponse<byte[]> response = session.send(request);
        if (response.statusCode() == 201) {
            return new Mount(true, null);
        }
        expect(request, response, 202);
        return new Mount(false, location(request, response));
    }

    /** {@code POST /v2/<name>/blobs/uploads/}: opens an upload session and returns its location. */
    public String startUpload(String repository) throws RegistryAccessException {
        RegistryRequest request = new RegistryRequest("POST", uploadsPath(repository), Map.of(), null);
        HttpResponse<byte[]> response = session.send(request);
        expect(request, response, 202);
        return location(request, response);
    }

    /**
     * {@code PUT <location>?digest=<digest>} with the whole blob streamed from {@code body}: finishes an upload session
     * in one request. The registry checks the bytes against the digest.
     */
    public void finishUpload(String location, Digest digest, RequestBody body) throws RegistryAccessException {
        String target = location + (location.contains("?") ? "&" : "?") + "digest=" + encode(digest.value());
        RegistryRequest request =
                new RegistryRequest("PUT", target, Map.of("Content-Type", "application/octet-stream"), null);
        HttpResponse<byte[]> response = session.send(request, body);
        expect(request, response, 201);
    }

    private String location(RegistryRequest request, HttpResponse<byte[]> response) throws RegistryAccessException {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new RegistryAccessException(session.access().describe() + " answered " + request
                        + " with HTTP " + response.statusCode() + " but no Location for the upload"));
    }

    private Digest parseDigest(RegistryRequest request, String value) throws RegistryAccessException {
        try {
            return Digest.parse(value);
        } catch (IllegalArgumentException e) {
            throw new RegistryAccessException(session.access().describe() + " answered " + request
                    + " with a Docker-Content-Digest that is not sha256: " + quote(value));
        }
    }

    private void expect(RegistryRequest request, HttpResponse<byte[]> response, int status)
            throws RegistryResponseException {
        if (response.statusCode() != status) {
            throw failure(request, response.statusCode(), response.body(), response.headers());
        }
    }

    private RegistryResponseException failure(RegistryRequest request, int status, byte[] body, HttpHeaders headers) {
        String code = null;
        String detail = "";
        try {
            JsonNode error = body == null || body.length == 0
                    ? null
                    : JSON.readTree(body).path("errors").path(0);
            if (error != null && error.path("code").isTextual()) {
                code = error.get("code").asText();
                detail = " " + code
                        + (error.path("message").isTextual()
                                ? " (" + capped(error.get("message").asText()) + ")"
                                : "");
            }
        } catch (IOException notJson) {
            // The status alone is reported.
        }
        // The body is the registry's: it may echo the credentials or a token.
        return new RegistryResponseException(
                session.redaction()
                        .applyLine(
                                session.access().describe() + " answered " + request + " with HTTP " + status + detail),
                status,
                code,
                RetryPolicy.retryAfter(headers.firstValue("Retry-After").orElse(null), Clock.systemUTC())
                        .orElse(null));
    }

    /** A registry's own message, at most {@link #MESSAGE_LIMIT} characters of it. */
    private static String capped(String message) {
        return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "…";
    }

    private static String manifestPath(String repository, String reference) {
        requireRepository(repository);
        if (!ImageReference.isTag(reference)) {
            Digest.parse(reference);
        }
        return "/v2/" + repository + "/manifests/" + reference;
    }

    private static String blobPath(String repository, Digest digest) {
        requireRepository(repository);
        return "/v2/" + repository + "/blobs/" + digest;
    }

    private static String uploadsPath(String repository) {
        requireRepository(repository);
        return "/v2/" + repository + "/blobs/uploads/";
    }

    private static void requireRepository(String repository) {
        ImageReference.checkRepository("repository", "Repository", repository);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
