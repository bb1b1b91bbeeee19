package io.jenkins.plugins.environments.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/** Sending one HTTP request for a registry session, and the origin rule that decides where credentials may go. */
final class RegistryHttp {

    private RegistryHttp() {}

    /** Whether two URIs have the same scheme, host and port (the port made explicit). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Sends one request, turning network and TLS failures into messages that name the registry. */
    static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, RegistryAccess access)
            throws RegistryAccessException {
        return send(http, request, HttpResponse.BodyHandlers.ofByteArray(), access);
    }

    /** Sends one request with the given handling of the answer's body. */
    static <T> HttpResponse<T> send(
            HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler, RegistryAccess access)
            throws RegistryAccessException {
        String where = request.uri().getScheme() + "://" + request.uri().getAuthority();
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryAccessException(access.describe() + ": interrupted while talking to " + where, e);
        } catch (IOException e) {
            Throwable tls = e;
            while (tls != null && !(tls instanceof SSLException)) {
                tls = tls.getCause();
            }
            if (tls != null) {
                throw new RegistryAccessException(
                        access.describe() + ": TLS handshake with " + where + " failed (" + quote(tls)
                                + "); a registry without TLS must be marked insecure",
                        e);
            }
            if (e instanceof ConnectException || e instanceof HttpTimeoutException) {
                throw new RegistryAccessException(
                        access.describe() + ": " + where + " is unreachable (" + quote(e) + ")", e);
            }
            throw new RegistryAccessException(
                    access.describe() + ": request to " + where + " failed (" + quote(e) + ")", e);
        }
    }

    private static String quote(Throwable t) {
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
