package io.jenkins.plugins.environments.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.environments.model.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The token exchange of the distribution spec's bearer authentication: {@code GET realm?service=…&scope=…}, with basic
 * credentials if there are any, answered by JSON with a {@code token} or {@code access_token}.
 *
 * <p>Basic credentials go to the realm only over HTTPS, or to the registry's own scheme, host and port (an insecure
 * registry serving its own tokens); a registry cannot make Jenkins send a password in the clear to another host.
 *
 * <p>The exchange is bounded like a registry request (connect and idle timeouts, the session's deadline), and the
 * answer is read up to {@link #BODY_LIMIT}: a token is a few kilobytes at most.
 */
final class TokenService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The largest token answer read: 64 KiB. */
    static final int BODY_LIMIT = 64 * 1024;

    private final HttpClient http;
    private final RegistryAccess access;
    private final Watchdog watchdog;

    TokenService(HttpClient http, RegistryAccess access, Watchdog watchdog) {
        this.http = http;
        this.access = access;
        this.watchdog = watchdog;
    }

    /**
     * A token for the challenge's realm and service, for the given scope (several separated by spaces, or empty).
     *
     * @param deadline the deadline of the request that needs the token
     */
    char[] fetch(AuthChallenge challenge, String scope, Deadline deadline) throws RegistryAccessException {
        URI realm = realm(challenge);
        if (deadline.expired()) {
            throw new RegistryStallException(access.describe() + ": " + deadline.describe()
                    + " ran out before a token could be asked of its token service " + realm);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(withQuery(realm, challenge.param("service"), scope))
                .header("Accept", "application/json")
                .GET();
        if (access.credential() instanceof RegistryCredential.Basic basic) {
            if (!"https".equals(realm.getScheme()) && !RegistryHttp.sameOrigin(realm, access.baseUri())) {
                throw new RegistryAccessException(access.describe() + " sends " + access.describeCredentials()
                        + " to the token service " + realm + " over plain HTTP on another host; refused");
            }
            request.header("Authorization", basic.authorizationHeader());
        }
        String who = access.describe() + ": token service " + realm.getScheme() + "://" + realm.getRawAuthority();
        byte[] body;
        int status;
        try (Watchdog.Watch watch = watchdog.watch(who, "token", "GET " + realm.getRawPath(), deadline)) {
            HttpResponse<InputStream> answer = RegistryHttp.send(http, request.build(), access, watch);
            status = answer.statusCode();
            body = RegistryHttp.read(answer, BODY_LIMIT, who, "token", watch);
        }
        if (status == 401 || status == 403) {
            throw access.credential() instanceof RegistryCredential.Anonymous
                    ? new RegistryAccessException(access.describe() + " requires credentials: its token service "
                            + realm + " refused anonymous access (HTTP " + status + ")")
                    : new RegistryAccessException(access.describe() + ": token service " + realm + " rejected "
                            + access.describeCredentials() + " (HTTP " + status + ")");
        }
        if (status != 200) {
            throw new RegistryAccessException(
                    access.describe() + ": token service " + realm + " answered HTTP " + status);
        }
        return token(body, realm);
    }

    private URI realm(AuthChallenge challenge) throws RegistryAccessException {
        String realm = challenge.param("realm");
        if (realm == null) {
            throw new RegistryAccessException(access.describe() + " sent a Bearer challenge without a realm");
        }
        try {
            URI uri = URI.create(realm);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new RegistryAccessException(
                access.describe() + " names a token realm that is not an HTTP(S) URL: " + realm);
    }

    private static URI withQuery(URI realm, String service, String scope) {
        StringBuilder query = new StringBuilder(realm.getRawQuery() == null ? "" : realm.getRawQuery());
        if (service != null) {
            append(query, "service", service);
        }
        for (String one : scope.trim().split("\\s+")) {
            if (!one.isEmpty()) {
                append(query, "scope", one);
            }
        }
        String base = realm.toString();
        int question = base.indexOf('?');
        if (question >= 0) {
            base = base.substring(0, question);
        }
        return URI.create(query.isEmpty() ? base : base + "?" + query);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    private char[] token(byte[] body, URI realm) throws RegistryAccessException {
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : new String[] {"token", "access_token"}) {
                JsonNode token = json == null ? null : json.get(field);
                if (token != null && token.isTextual() && !token.asText().isEmpty()) {
                    return usable(token.asText().toCharArray(), realm);
                }
            }
        } catch (IOException e) {
            // The body is not JSON; reported below without quoting it.
        }
        throw new RegistryAccessException(
                access.describe() + ": token service " + realm + " answered without a token or access_token");
    }

    /**
     * A token goes into an {@code Authorization} header: one with a line break, a space or another character outside
     * visible ASCII is refused here, naming neither the token nor the character, before the HTTP client would refuse
     * it with a message that quotes it.
     */
    private char[] usable(char[] token, URI realm) throws RegistryAccessException {
        for (char c : token) {
            if (c <= 0x20 || c >= 0x7f) {
                Arrays.fill(token, '\0');
                throw new RegistryAccessException(access.describe() + ": token service " + realm
                        + " answered a token that cannot be sent in an HTTP header (it holds a line break, a space or"
                        + " a character outside visible ASCII)");
            }
        }
        return token;
    }
}
