package io.jenkins.plugins.environments.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1), such as
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:app:pull,push"}.
 *
 * @param scheme the authentication scheme as sent, such as {@code Bearer}
 * @param token68 the scheme's single token form (such as {@code Negotiate abc==}), or {@code null}
 * @param params the parameters, with lower-case names and unquoted values, in the order sent
 */
public record AuthChallenge(String scheme, String token68, Map<String, String> params) {

    public AuthChallenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Whether this challenge is for the scheme, compared without regard to case. */
    public boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** The parameter's value, or {@code null}; the name is matched without regard to case. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * All challenges of a header value. Quoted values may contain commas, spaces and backslash-escaped characters;
     * names and values may have spaces around {@code =}; several challenges may share one header, separated by
     * commas. An unquoted value runs to the next comma or space, which tolerates unquoted URLs.
     *
     * @throws IllegalArgumentException if the header is malformed, such as an unterminated quoted value
     */
    public static List<AuthChallenge> parse(String header) {
        return new Parser(header == null ? "" : header).challenges();
    }

    private static final class Parser {

        private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<AuthChallenge> challenges() {
            List<AuthChallenge> challenges = new ArrayList<>();
            while (true) {
                skip(" \t,");
                if (atEnd()) {
                    return challenges;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    throw malformed("expected an authentication scheme");
                }
                challenges.add(rest(scheme));
            }
        }

        /** The token68 or parameters after a scheme, up to the start of the next challenge. */
        private AuthChallenge rest(String scheme) {
            skip(" \t");
            String token68 = token68();
            Map<String, String> params = new LinkedHashMap<>();
            while (token68 == null) {
                skip(" \t,");
                if (atEnd()) {
                    break;
                }
                int start = pos;
                String name = token();
                if (name.isEmpty()) {
                    throw malformed("expected a parameter name");
                }
                skip(" \t");
                if (atEnd() || peek() != '=') {
                    // Not a parameter: the name is the scheme of the next challenge.
                    pos = start;
                    break;
                }
                pos++;
                skip(" \t");
                if (atEnd() || peek() == ',') {
                    throw malformed("expected a value for '" + name + "'");
                }
                params.put(name.toLowerCase(Locale.ROOT), peek() == '"' ? quoted() : unquoted());
            }
            return new AuthChallenge(scheme, token68, params);
        }

        /** A lone token68 (such as {@code abc+/9==}) that ends the challenge, or {@code null} with nothing read. */
        private String token68() {
            int start = pos;
            while (!atEnd() && (isTokenChar(peek()) || peek() == '/' || peek() == '+')) {
                pos++;
            }
            if (pos == start) {
                return null;
            }
            while (!atEnd() && peek() == '=') {
                pos++;
            }
            int end = pos;
            skip(" \t");
            if (atEnd() || peek() == ',') {
                return text.substring(start, end);
            }
            pos = start;
            return null;
        }

        private String token() {
            int start = pos;
            while (!atEnd() && isTokenChar(peek())) {
                pos++;
            }
            return text.substring(start, pos);
        }

        /** A token, or anything that is not a comma or white space, for servers that leave URLs unquoted. */
        private String unquoted() {
            int start = pos;
            while (!atEnd() && peek() != ',' && peek() != ' ' && peek() != '\t') {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            throw malformed("unterminated quoted value");
        }

        private void skip(String characters) {
            while (!atEnd() && characters.indexOf(peek()) >= 0) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= text.length();
        }

        private char peek() {
            return text.charAt(pos);
        }

        private static boolean isTokenChar(char c) {
            return (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
        }

        private IllegalArgumentException malformed(String problem) {
            return new IllegalArgumentException("malformed WWW-Authenticate header: " + problem + " at " + pos);
        }
    }
}
