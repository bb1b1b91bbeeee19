package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthChallengeTest {

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of(
                        "basic with a quoted realm",
                        "Basic realm=\"Registry Realm\"",
                        List.of(challenge("Basic", null, Map.of("realm", "Registry Realm")))),
                Arguments.of(
                        "bearer as Docker Hub sends it",
                        "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                                + "scope=\"repository:library/alpine:pull\"",
                        List.of(challenge(
                                "Bearer",
                                null,
                                Map.of(
                                        "realm", "https://auth.docker.io/token",
                                        "service", "registry.docker.io",
                                        "scope", "repository:library/alpine:pull")))),
                Arguments.of(
                        "commas inside a quoted scope",
                        "Bearer realm=\"https://a.example/token\",scope=\"repository:team/app:pull,push\"",
                        List.of(challenge(
                                "Bearer",
                                null,
                                Map.of("realm", "https://a.example/token", "scope", "repository:team/app:pull,push")))),
                Arguments.of(
                        "spaces after commas and an error parameter",
                        "Bearer realm=\"https://a.example/token\", error=\"insufficient_scope\", "
                                + "scope=\"repository:samalba/my-app:pull,push\"",
                        List.of(challenge(
                                "Bearer",
                                null,
                                Map.of(
                                        "realm", "https://a.example/token",
                                        "error", "insufficient_scope",
                                        "scope", "repository:samalba/my-app:pull,push")))),
                Arguments.of(
                        "unquoted values, upper-case names",
                        "BASIC REALM=simple",
                        List.of(challenge("BASIC", null, Map.of("realm", "simple")))),
                Arguments.of(
                        "an unquoted URL",
                        "Bearer realm=https://a.example/token?x=1,service=reg",
                        List.of(challenge(
                                "Bearer", null, Map.of("realm", "https://a.example/token?x=1", "service", "reg")))),
                Arguments.of(
                        "escaped quote and backslash",
                        "Bearer realm=\"say \\\"hi\\\" \\\\ bye\"",
                        List.of(challenge("Bearer", null, Map.of("realm", "say \"hi\" \\ bye")))),
                Arguments.of(
                        "two challenges in one header",
                        "Basic realm=\"r\", Bearer realm=\"t\",service=\"s\"",
                        List.of(
                                challenge("Basic", null, Map.of("realm", "r")),
                                challenge("Bearer", null, Map.of("realm", "t", "service", "s")))),
                Arguments.of(
                        "a token68 then another challenge",
                        "Negotiate a+b/c==, Basic realm=\"x\"",
                        List.of(
                                challenge("Negotiate", "a+b/c==", Map.of()),
                                challenge("Basic", null, Map.of("realm", "x")))),
                Arguments.of(
                        "spaces around equals signs",
                        "Bearer realm = \"spaced\" , service = s",
                        List.of(challenge("Bearer", null, Map.of("realm", "spaced", "service", "s")))),
                Arguments.of(
                        "schemes without parameters",
                        "Basic, Negotiate",
                        List.of(challenge("Basic", null, Map.of()), challenge("Negotiate", null, Map.of()))),
                Arguments.of("empty header", "", List.of()),
                Arguments.of("only separators", " , ,", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void parses(String description, String header, List<AuthChallenge> expected) {
        assertEquals(expected, AuthChallenge.parse(header));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("Bearer realm=\"unterminated"),
                Arguments.of("Bearer realm=\"x\", service="),
                Arguments.of("Bearer realm=\"x\", =value"),
                Arguments.of("\"quoted-scheme\""));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedHeaders(String header) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthChallenge.parse(header));
        assertTrue(e.getMessage().startsWith("malformed WWW-Authenticate header"), e.getMessage());
    }

    @Test
    void namesAndSchemesAreMatchedWithoutCase() {
        AuthChallenge challenge = AuthChallenge.parse("bEaReR Realm=\"r\"").get(0);
        assertTrue(challenge.is("Bearer"));
        assertEquals("r", challenge.param("REALM"));
    }

    private static AuthChallenge challenge(String scheme, String token68, Map<String, String> params) {
        return new AuthChallenge(scheme, token68, params);
    }
}
