package io.jenkins.plugins.environments.model;

import java.net.URLEncoder;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one place that takes secrets out of text before it becomes an exception message, a log line, a ledger value or
 * a step's result. Every error path of the plugin goes through it: the plugin's exception types redact their message
 * and cause when they are made, {@link Names#quote(String)} redacts every value it echoes, the Jenkins glue redacts
 * what it logs and returns, and the ledger redacts what it writes.
 *
 * <p>What is replaced by {@value #MASK}:
 *
 * <ul>
 *   <li>the user information of a URL, with a scheme ({@code https://user:pass@host}, {@code https://token@host}) or
 *       without one ({@code user:pass@registry.example.com/app});
 *   <li>the value after a key whose name ends in a secret word ({@code password}, {@code passwd}, {@code pwd},
 *       {@code secret}, {@code token}, {@code apikey}, {@code privatekey}, {@code credentials}, {@code signature},
 *       {@code authorization}, {@code cookie} …, in any case and with {@code -}, {@code _} or {@code .} between
 *       words): query and form parameters ({@code ?access_token=…&}), JSON fields ({@code "token": "…"}) and header
 *       or YAML lines ({@code Authorization: Basic …}, {@code password: …});
 *   <li>the credentials after the word {@code Bearer} or {@code Basic};
 *   <li>well-known token shapes: GitHub ({@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_}), GitLab ({@code glpat-} …),
 *       Slack ({@code xox?-}, webhook paths), AWS key ids ({@code AKIA}, {@code ASIA}), JWTs ({@code eyJ….…}, signed
 *       or not), Stripe ({@code sk_live_} …), Google API keys ({@code AIza}), npm ({@code npm_}), Vault
 *       ({@code hvs.}) and PEM private key blocks;
 *   <li>for a redaction made {@linkplain #of(Collection) of known secrets}, every occurrence of each of them (and of
 *       its URL-encoded form), whatever its shape.
 * </ul>
 *
 * <p>Control characters (other than line feed and tab in {@link #apply(String)}) and invisible format characters
 * (such as bidirectional overrides) are written as {@code \\uXXXX}, so an echoed value cannot start a fake log line or
 * hide text. {@link #applyLine(String)} escapes line feed and tab too, for values quoted inside one line.
 *
 * <p>The work is linear in the length of the text: one pass over it with bounded look-behind, no backtracking regular
 * expression, and each known secret found by Knuth–Morris–Pratt. Only the first {@value #MAX_INPUT} characters are
 * looked at; the rest is cut off and said so, and the word that the cut runs through is masked.
 */
public final class Redaction {

    /** What a secret is replaced by. */
    public static final String MASK = "****";

    /** How much of a text is looked at and kept; longer text is cut. */
    public static final int MAX_INPUT = 64 * 1024;

    /** Known secrets shorter than this are not searched for: they would mask ordinary words of a message. */
    public static final int MIN_SECRET_LENGTH = 4;

    private static final int MAX_KEY_LENGTH = 64;

    /** Key names (lower case, separators removed) that hold a secret wherever they end a key. */
    private static final List<String> SECRET_KEY_ENDINGS = List.of(
            "password",
            "passwd",
            "passphrase",
            "pwd",
            "secret",
            "token",
            "apikey",
            "privatekey",
            "secretkey",
            "accesskey",
            "credentials",
            "credential",
            "signature",
            "authorization",
            "cookie");

    /** Key names that hold a secret only when they are the whole key. */
    private static final Set<String> SECRET_KEYS = Set.of("pass", "pw", "auth", "sig", "session", "sessionid");

    /** Header names whose whole value is secret: {@code Authorization: Basic …} is masked to the end of the line. */
    private static final Set<String> HEADER_KEYS =
            Set.of("authorization", "proxyauthorization", "cookie", "setcookie", "xauthtoken", "privatetoken");

    private static final Redaction PATTERNS = new Redaction(List.of());

    /** The known secrets: {@code char[]} arrays as their owners hold them (not copied) and strings. */
    private final List<Object> secrets;

    private Redaction(List<Object> secrets) {
        this.secrets = secrets;
    }

    /** @return the redaction of the shapes listed above, without known secrets */
    public static Redaction patterns() {
        return PATTERNS;
    }

    /**
     * A redaction that also masks each of the given secrets wherever it occurs. The {@code char[]} arrays are kept,
     * not copied, so a secret that its owner wipes is no longer searched for (and no extra copy of it lingers).
     *
     * @param secrets {@code char[]} or {@link CharSequence} values; {@code null} and values shorter than
     *     {@value #MIN_SECRET_LENGTH} characters are ignored
     */
    public static Redaction of(Collection<?> secrets) {
        List<Object> kept = new ArrayList<>();
        for (Object secret : secrets) {
            if (secret instanceof char[] chars && chars.length >= MIN_SECRET_LENGTH) {
                kept.add(chars);
            } else if (secret instanceof CharSequence text && text.length() >= MIN_SECRET_LENGTH) {
                kept.add(text.toString());
            } else if (secret != null && !(secret instanceof char[]) && !(secret instanceof CharSequence)) {
                throw new IllegalArgumentException("a secret is a char[] or a CharSequence, not a "
                        + secret.getClass().getName());
            }
        }
        return kept.isEmpty() ? PATTERNS : new Redaction(Collections.unmodifiableList(kept));
    }

    /** @return a redaction of the secrets of both */
    public Redaction and(Redaction other) {
        if (other.secrets.isEmpty()) {
            return this;
        }
        if (secrets.isEmpty()) {
            return other;
        }
        List<Object> both = new ArrayList<>(secrets);
        both.addAll(other.secrets);
        return new Redaction(Collections.unmodifiableList(both));
    }

    /** @return the text with the shapes above masked; {@code null} stays {@code null} */
    public static String redact(String text) {
        return PATTERNS.apply(text);
    }

    /** @return like {@link #redact(String)}, for a value shown inside one line: line breaks are escaped too */
    public static String redactLine(String text) {
        return PATTERNS.applyLine(text);
    }

    /** @return like {@link #redact(String)}, with control characters kept (see {@link #applyKeepingCharacters}) */
    public static String redactKeepingCharacters(String text) {
        return PATTERNS.applyKeepingCharacters(text);
    }

    /** @return the throwable, or a copy of it whose messages are redacted, as {@link #apply(Throwable)} says */
    public static Throwable redact(Throwable thrown) {
        return PATTERNS.apply(thrown);
    }

    /** @return the text with the known secrets and the shapes above masked; {@code null} stays {@code null} */
    public String apply(String text) {
        return text == null
                ? null
                : scan(text, MAX_INPUT, Characters.MULTI_LINE).result();
    }

    /** @return like {@link #apply(String)}, with line feeds and tabs escaped as well */
    public String applyLine(String text) {
        return text == null
                ? null
                : scan(text, MAX_INPUT, Characters.SINGLE_LINE).result();
    }

    /**
     * @return the text with the known secrets and the shapes above masked and every other character kept as it is,
     *     for a writer that escapes characters itself (the ledger's JSON)
     */
    public String applyKeepingCharacters(String text) {
        return text == null ? null : scan(text, MAX_INPUT, Characters.KEEP).result();
    }

    /** What happens to control and format characters outside the masked parts. */
    enum Characters {
        /** Kept as they are. */
        KEEP,
        /** Escaped, except line feed and tab. */
        MULTI_LINE,
        /** All escaped. */
        SINGLE_LINE
    }

    /**
     * Makes a throwable safe to show or to keep as a cause. When no message and no {@code toString()} in its chain
     * of causes and suppressed exceptions holds anything to redact, it is returned as it is (so its type can still be
     * inspected); otherwise a copy of the chain is returned, made of {@link RedactedException}s that carry the
     * original type's name, the redacted message and the original stack trace.
     */
    public Throwable apply(Throwable thrown) {
        if (thrown == null || isClean(thrown, Collections.newSetFromMap(new IdentityHashMap<>()), 0)) {
            return thrown;
        }
        return copy(thrown, new IdentityHashMap<>(), 0);
    }

    private static final int MAX_CHAIN_DEPTH = 32;

    private boolean isClean(Throwable thrown, Set<Throwable> seen, int depth) {
        if (thrown == null || depth > MAX_CHAIN_DEPTH || !seen.add(thrown)) {
            return true;
        }
        String message = thrown.getMessage();
        if (message != null && !message.equals(apply(message))) {
            return false;
        }
        String shown = thrown.toString();
        if (!shown.equals(apply(shown))) {
            return false;
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            if (!isClean(suppressed, seen, depth + 1)) {
                return false;
            }
        }
        return isClean(thrown.getCause(), seen, depth + 1);
    }

    private Throwable copy(Throwable thrown, Map<Throwable, Throwable> copies, int depth) {
        if (thrown == null || depth > MAX_CHAIN_DEPTH) {
            return null;
        }
        Throwable done = copies.get(thrown);
        if (done != null) {
            return done;
        }
        String type = thrown instanceof RedactedException redacted
                ? redacted.originalType()
                : thrown.getClass().getName();
        RedactedException copy = new RedactedException(type, apply(thrown.getMessage()));
        copies.put(thrown, copy);
        copy.setStackTrace(thrown.getStackTrace());
        Throwable cause = thrown.getCause();
        if (cause != null && cause != thrown) {
            copy.initCause(copy(cause, copies, depth + 1));
        }
        for (Throwable suppressed : thrown.getSuppressed()) {
            Throwable safe = copy(suppressed, copies, depth + 1);
            if (safe != null && safe != copy) {
                copy.addSuppressed(safe);
            }
        }
        return copy;
    }

    /**
     * Scans the text. Package-private so that tests can count the work on inputs longer than {@link #MAX_INPUT}.
     *
     * @param limit how many characters to look at
     */
    Scan scan(String text, int limit, Characters characters) {
        Scan scan = new Scan(text, limit, characters);
        scan.run(secrets);
        return scan;
    }

    /** One pass over one text: finds the ranges to mask, then writes the result. */
    static final class Scan {

        private final String text;
        private final int length;
        private final Characters characters;
        private long steps;
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        private int count;
        private String result;

        // Where the current word (no white space, quote or bracket in it) started, and what was seen in it.
        private int hardStart;
        private int softStart;
        private int authority = -1;
        private int lastEquals = -1;
        private int lastColon = -1;
        private int lastAt = -1;
        // Per token rule: a start before this index was already found not to be a token.
        private final int[] noTokenBefore = new int[Rule.values().length];

        Scan(String text, int limit, Characters characters) {
            this.text = text;
            this.length = Math.min(text.length(), limit);
            this.characters = characters;
        }

        /** @return how many character inspections the scan took */
        long steps() {
            return steps;
        }

        String result() {
            return result;
        }

        private void run(List<Object> secrets) {
            int i = 0;
            while (i < length) {
                steps++;
                i = step(i);
            }
            for (Object secret : secrets) {
                findAll(secret);
            }
            boolean truncated = length < text.length();
            if (truncated) {
                // The cut may run through a secret: mask the word it cuts.
                int start = length;
                while (start > 0 && !isHardDelimiter(text.charAt(start - 1))) {
                    start--;
                    steps++;
                }
                mask(start, length);
            }
            result = write(truncated);
        }

        /** Looks at the character at {@code i}; @return where to look next */
        private int step(int i) {
            char c = text.charAt(i);
            if (isHardDelimiter(c)) {
                hardStart = i + 1;
                resetWord(i + 1);
                return i + 1;
            }
            if (isSoftDelimiter(c)) {
                softStart = i + 1;
                lastEquals = lastColon = lastAt = -1;
                return i + 1;
            }
            switch (c) {
                case '@' -> {
                    atSign(i);
                    lastAt = i;
                    return i + 1;
                }
                case '=' -> {
                    int next = keyValue(i, '=');
                    lastEquals = i;
                    return next;
                }
                case ':' -> {
                    if (i + 2 < length && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/' && i > hardStart) {
                        authority = i + 3;
                        return i + 3;
                    }
                    int next = keyValue(i, ':');
                    lastColon = i;
                    return next;
                }
                case '/' -> {
                    authority = -1;
                    return endOfSlackHook(i);
                }
                case '?', '#' -> {
                    authority = -1;
                    return i + 1;
                }
                default -> {
                    if (isWordStart(i)) {
                        return token(i);
                    }
                    if (c == '-' && text.startsWith("-----BEGIN ", i)) {
                        return privateKey(i);
                    }
                    return i + 1;
                }
            }
        }

        private void resetWord(int start) {
            softStart = start;
            authority = -1;
            lastEquals = lastColon = lastAt = -1;
        }

        private boolean isWordStart(int i) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
            if (i == 0) {
                return true;
            }
            char before = text.charAt(i - 1);
            return !Character.isLetterOrDigit(before) && before != '_';
        }

        // ---- user information of URLs ----

        private void atSign(int i) {
            if (authority >= 0 && authority < i) {
                mask(authority, i);
                return;
            }
            // Without a scheme, or with a password that holds a '/': user:pass@host. Not a digest (app@sha256:…),
            // not a path segment (/@scope), not a mail address (no ':' before it).
            int start = Math.max(softStart, Math.max(lastEquals + 1, lastAt + 1));
            if (start < i
                    && lastColon >= start
                    && text.charAt(i - 1) != '/'
                    && i + 1 < length
                    && (Character.isLetterOrDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '[')
                    && !isDigestAfter(i + 1)) {
                mask(start, i);
            }
        }

        private boolean isDigestAfter(int i) {
            return text.startsWith("sha256:", i) || text.startsWith("sha384:", i) || text.startsWith("sha512:", i);
        }

        // ---- key=value, key: value, "key": "value" ----

        private int keyValue(int separator, char kind) {
            int end = separator;
            // Up to a few spaces between key and separator: password = "…" (TOML, HCL, properties).
            int spaces = 0;
            while (end > 0 && spaces < 4 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
                spaces++;
            }
            boolean quotedKey = false;
            if (kind == ':' && end > 0 && isQuote(text.charAt(end - 1))) {
                end--;
                quotedKey = true;
                if (end > 0 && text.charAt(end - 1) == '\\') {
                    end--;
                }
            }
            int start = end;
            while (start > 0 && end - start <= MAX_KEY_LENGTH && isKeyCharacter(text.charAt(start - 1))) {
                start--;
                steps++;
            }
            boolean pathSegment = start > 0 && (text.charAt(start - 1) == '/' || text.charAt(start - 1) == '@');
            String key = start == end || end - start > MAX_KEY_LENGTH || pathSegment ? null : secretKey(start, end);
            if (key == null) {
                return separator + 1;
            }
            boolean wholeLine = HEADER_KEYS.contains(key);
            int value = separator + 1;
            if (kind == ':' || spaces > 0) {
                while (value < length && (text.charAt(value) == ' ' || text.charAt(value) == '\t')) {
                    value++;
                    steps++;
                }
            }
            if (value >= length) {
                return value;
            }
            char first = text.charAt(value);
            if (kind == ':' && (first == '[' || first == '{')) {
                // A flow collection, or a label such as "file:3: [rule]": its own keys are looked at one by one.
                return separator + 1;
            }
            if (first == '\\' && value + 1 < length && isQuote(text.charAt(value + 1))) {
                value++;
                first = text.charAt(value);
            }
            int valueEnd;
            if (isQuote(first)) {
                valueEnd = value + 1;
                while (valueEnd < length && text.charAt(valueEnd) != first && !isLineEnd(text.charAt(valueEnd))) {
                    if (text.charAt(valueEnd) == '\\' && valueEnd + 1 < length && text.charAt(valueEnd + 1) == first) {
                        break; // an escaped quote ends a value in escaped JSON
                    }
                    if (text.charAt(valueEnd) == '\\' && valueEnd + 1 < length) {
                        valueEnd++;
                        steps++;
                    }
                    valueEnd++;
                    steps++;
                }
                mask(value + 1, valueEnd);
            } else {
                valueEnd = value;
                while (valueEnd < length && !endsValue(text.charAt(valueEnd), kind, quotedKey, wholeLine)) {
                    valueEnd++;
                    steps++;
                }
                mask(value, valueEnd);
            }
            // The value is masked whole: go on after it, as after the end of a word.
            hardStart = valueEnd;
            resetWord(valueEnd);
            return Math.max(valueEnd, separator + 1);
        }

        private static boolean endsValue(char c, char kind, boolean quotedKey, boolean wholeLine) {
            if (isLineEnd(c)) {
                return true;
            }
            if (wholeLine) {
                return false;
            }
            if (kind == ':' && quotedKey) {
                return c == ',' || c == '}' || isQuote(c);
            }
            return Character.isWhitespace(c) || Character.isISOControl(c) || isQuote(c) || "&;,<>)]}".indexOf(c) >= 0;
        }

        /** @return the key's name in lower case without separators, if it names a secret; else {@code null} */
        private String secretKey(int start, int end) {
            char[] key = new char[end - start];
            int n = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c)) {
                    key[n++] = Character.toLowerCase(c);
                }
            }
            String name = new String(key, 0, n);
            if (SECRET_KEYS.contains(name)) {
                return name;
            }
            for (String ending : SECRET_KEY_ENDINGS) {
                if (name.endsWith(ending)) {
                    return name;
                }
            }
            return null;
        }

        // ---- Bearer/Basic credentials and token shapes ----

        private enum Rule {
            SCHEME,
            GITHUB,
            GITHUB_PAT,
            GITLAB,
            SLACK,
            AWS,
            GOOGLE,
            JWT,
            STRIPE,
            NPM,
            VAULT
        }

        private int token(int i) {
            char c = text.charAt(i);
            switch (c) {
                case 'b', 'B' -> {
                    if (startsWithIgnoreCase(i, "bearer ") || startsWithIgnoreCase(i, "basic ")) {
                        return credentials(i, text.charAt(i + 1) == 'e' || text.charAt(i + 1) == 'E' ? 6 : 5);
                    }
                }
                case 'g' -> {
                    for (String prefix : new String[] {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
                        if (text.startsWith(prefix, i)) {
                            return shape(Rule.GITHUB, i, prefix.length(), 20, ALNUM_UNDERSCORE);
                        }
                    }
                    if (text.startsWith("github_pat_", i)) {
                        return shape(Rule.GITHUB_PAT, i, 11, 20, ALNUM_UNDERSCORE);
                    }
                    for (String prefix : new String[] {"glpat-", "gldt-", "glrt-", "glptt-", "gloas-"}) {
                        if (text.startsWith(prefix, i)) {
                            return shape(Rule.GITLAB, i, prefix.length(), 20, ALNUM_DASH_UNDERSCORE);
                        }
                    }
                }
                case 'x' -> {
                    if (text.startsWith("xox", i)
                            && i + 4 < length
                            && "abposr".indexOf(text.charAt(i + 3)) >= 0
                            && text.charAt(i + 4) == '-') {
                        return shape(Rule.SLACK, i, 5, 10, ALNUM_DASH);
                    }
                    if (text.startsWith("xapp-", i)) {
                        return shape(Rule.SLACK, i, 5, 10, ALNUM_DASH);
                    }
                }
                case 'A' -> {
                    if (text.startsWith("AKIA", i) || text.startsWith("ASIA", i)) {
                        return awsKeyId(i);
                    }
                    if (text.startsWith("AIza", i)) {
                        return shape(Rule.GOOGLE, i, 4, 30, ALNUM_DASH_UNDERSCORE);
                    }
                }
                case 'e' -> {
                    if (text.startsWith("eyJ", i)) {
                        return jwt(i);
                    }
                }
                case 's', 'r' -> {
                    for (String prefix : new String[] {"sk_live_", "sk_test_", "rk_live_", "rk_test_"}) {
                        if (text.startsWith(prefix, i)) {
                            return shape(Rule.STRIPE, i, prefix.length(), 10, ALNUM);
                        }
                    }
                }
                case 'w' -> {
                    if (text.startsWith("whsec_", i)) {
                        return shape(Rule.STRIPE, i, 6, 10, ALNUM);
                    }
                }
                case 'n' -> {
                    if (text.startsWith("npm_", i)) {
                        return shape(Rule.NPM, i, 4, 30, ALNUM);
                    }
                }
                case 'h' -> {
                    if (text.startsWith("hvs.", i) || text.startsWith("hvb.", i)) {
                        return shape(Rule.VAULT, i, 4, 20, ALNUM_DASH_UNDERSCORE);
                    }
                }
                default -> {
                    // no token starts with this letter
                }
            }
            return i + 1;
        }

        private static final int ALNUM = 0;
        private static final int ALNUM_UNDERSCORE = 1;
        private static final int ALNUM_DASH = 2;
        private static final int ALNUM_DASH_UNDERSCORE = 3;

        private static boolean inClass(char c, int characters) {
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            return switch (characters) {
                case ALNUM -> alnum;
                case ALNUM_UNDERSCORE -> alnum || c == '_';
                case ALNUM_DASH -> alnum || c == '-';
                default -> alnum || c == '-' || c == '_';
            };
        }

        /**
         * A prefix followed by a run of characters of a class: masked from the prefix on when the run is at least
         * {@code minimum} long.
         */
        private int shape(Rule rule, int start, int prefix, int minimum, int characters) {
            if (start < noTokenBefore[rule.ordinal()]) {
                return start + 1;
            }
            int end = start + prefix;
            while (end < length && inClass(text.charAt(end), characters)) {
                end++;
                steps++;
            }
            if (end - start - prefix < minimum) {
                noTokenBefore[rule.ordinal()] = end;
                return start + 1;
            }
            mask(start, end);
            return end;
        }

        private int awsKeyId(int start) {
            int end = start + 4;
            while (end < length && end - start < 20 && (isUpper(text.charAt(end)) || isDigit(text.charAt(end)))) {
                end++;
                steps++;
            }
            if (end - start == 20 && (end == length || !Character.isLetterOrDigit(text.charAt(end)))) {
                mask(start, end);
                return end;
            }
            return start + 1;
        }

        /** {@code eyJ…} with at least one dot: a JWT, signed ({@code a.b.c}) or not ({@code a.b.}). */
        private int jwt(int start) {
            if (start < noTokenBefore[Rule.JWT.ordinal()]) {
                return start + 1;
            }
            int end = start;
            boolean dot = false;
            while (end < length) {
                char c = text.charAt(end);
                if (c == '.') {
                    dot = true;
                } else if (!inClass(c, ALNUM_DASH_UNDERSCORE) && c != '=') {
                    break;
                }
                end++;
                steps++;
            }
            if (!dot || end - start < 16) {
                noTokenBefore[Rule.JWT.ordinal()] = end;
                return start + 1;
            }
            mask(start, end);
            return end;
        }

        /** The credentials after {@code Bearer} or {@code Basic} and white space. */
        private int credentials(int word, int wordLength) {
            int start = word + wordLength;
            while (start < length && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                start++;
                steps++;
            }
            if (start < noTokenBefore[Rule.SCHEME.ordinal()]) {
                return word + 1;
            }
            int end = start;
            boolean strong = false;
            while (end < length) {
                char c = text.charAt(end);
                if (isDigit(c) || isUpper(c) || "+/_.~-".indexOf(c) >= 0) {
                    strong = true;
                } else if (!(c >= 'a' && c <= 'z')) {
                    break;
                }
                end++;
                steps++;
            }
            int letters = end - start;
            while (end < length && text.charAt(end) == '=') {
                end++;
                steps++;
                strong = true;
            }
            if (letters < 8 || !strong) {
                noTokenBefore[Rule.SCHEME.ordinal()] = end;
                return word + 1;
            }
            mask(start, end);
            resetWord(end);
            return end;
        }

        // ---- Slack webhooks and private keys ----

        /** After {@code hooks.slack.com/services/}: the path is the secret. */
        private int endOfSlackHook(int slash) {
            if (!text.startsWith("/services/", slash)
                    || slash < 15
                    || !text.startsWith("hooks.slack.com", slash - 15)) {
                return slash + 1;
            }
            int start = slash + 10;
            int end = start;
            while (end < length && (inClass(text.charAt(end), ALNUM_DASH_UNDERSCORE) || text.charAt(end) == '/')) {
                end++;
                steps++;
            }
            mask(start, end);
            resetWord(end);
            return Math.max(end, slash + 1);
        }

        /** {@code -----BEGIN … PRIVATE KEY-----} up to its END line (or the end of the text). */
        private int privateKey(int start) {
            int header = start + 11;
            int limit = Math.min(length, header + 64);
            int close = header;
            while (close < limit && text.charAt(close) != '-' && !isLineEnd(text.charAt(close))) {
                close++;
                steps++;
            }
            if (close - header < 11 || !text.regionMatches(close - 11, "PRIVATE KEY", 0, 11)) {
                return start + 1;
            }
            int end = text.indexOf("-----END ", close);
            if (end < 0 || end >= length) {
                end = length;
            } else {
                int marker = text.indexOf("-----", end + 9);
                end = marker < 0 || marker + 5 > length ? length : marker + 5;
            }
            steps += end - start;
            mask(start, end);
            hardStart = end;
            resetWord(end);
            return end;
        }

        // ---- known secrets ----

        private void findAll(Object secret) {
            char[] pattern;
            if (secret instanceof char[] chars) {
                boolean wiped = true;
                for (char c : chars) {
                    wiped &= c == '\0';
                }
                if (wiped) {
                    return;
                }
                pattern = chars;
                search(pattern);
                String encoded = encoded(CharBuffer.wrap(chars));
                if (encoded != null) {
                    search(encoded.toCharArray());
                }
            } else {
                String value = (String) secret;
                search(value.toCharArray());
                String encoded = encoded(value);
                if (encoded != null) {
                    search(encoded.toCharArray());
                }
            }
        }

        private static String encoded(CharSequence secret) {
            String encoded = URLEncoder.encode(secret.toString(), StandardCharsets.UTF_8);
            return encoded.contentEquals(secret) ? null : encoded;
        }

        /** Knuth–Morris–Pratt: every occurrence in O(text + pattern). */
        private void search(char[] pattern) {
            int m = pattern.length;
            int[] failure = new int[m];
            for (int i = 1, k = 0; i < m; i++) {
                while (k > 0 && pattern[i] != pattern[k]) {
                    k = failure[k - 1];
                    steps++;
                }
                if (pattern[i] == pattern[k]) {
                    k++;
                }
                failure[i] = k;
                steps++;
            }
            for (int i = 0, k = 0; i < length; i++) {
                char c = text.charAt(i);
                while (k > 0 && c != pattern[k]) {
                    k = failure[k - 1];
                    steps++;
                }
                if (c == pattern[k]) {
                    k++;
                }
                if (k == m) {
                    mask(i - m + 1, i + 1);
                    k = failure[k - 1];
                }
                steps++;
            }
            Arrays.fill(failure, 0);
        }

        // ---- output ----

        private void mask(int start, int end) {
            if (end <= start) {
                return;
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        private String write(boolean truncated) {
            long[] ranges = new long[count];
            for (int r = 0; r < count; r++) {
                ranges[r] = ((long) starts[r] << 32) | ends[r];
            }
            Arrays.sort(ranges);
            StringBuilder out = new StringBuilder(length + 16);
            int r = 0;
            int i = 0;
            while (i < length) {
                steps++;
                if (r < ranges.length && (int) (ranges[r] >>> 32) <= i) {
                    int end = (int) ranges[r];
                    r++;
                    while (r < ranges.length && (int) (ranges[r] >>> 32) <= end) {
                        end = Math.max(end, (int) ranges[r]);
                        r++;
                    }
                    if (end > i) {
                        out.append(MASK);
                        i = end;
                    }
                    continue;
                }
                char c = text.charAt(i);
                if (mustEscape(c)) {
                    out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
                i++;
            }
            if (truncated) {
                out.append("… (").append(text.length() - length).append(" more characters not shown)");
            }
            return out.toString();
        }

        private boolean mustEscape(char c) {
            if (characters == Characters.KEEP) {
                return false;
            }
            if (c == '\n' || c == '\t') {
                return characters == Characters.SINGLE_LINE;
            }
            return Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || c == '\u2028'
                    || c == '\u2029';
        }

        // ---- characters ----

        private boolean startsWithIgnoreCase(int i, String word) {
            return text.regionMatches(true, i, word, 0, word.length()) && i + word.length() <= length;
        }

        private static boolean isHardDelimiter(char c) {
            return Character.isWhitespace(c) || Character.isISOControl(c) || isQuote(c) || c == '<' || c == '>';
        }

        private static boolean isSoftDelimiter(char c) {
            return ",;()[]{}|\\".indexOf(c) >= 0;
        }

        private static boolean isQuote(char c) {
            return c == '"' || c == '\'' || c == '`';
        }

        private static boolean isLineEnd(char c) {
            return c == '\n' || c == '\r';
        }

        private static boolean isKeyCharacter(char c) {
            return c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '_'
                    || c == '-'
                    || c == '.';
        }

        private static boolean isUpper(char c) {
            return c >= 'A' && c <= 'Z';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    @Override
    public String toString() {
        return "Redaction[" + secrets.size() + " known secrets]";
    }
}
