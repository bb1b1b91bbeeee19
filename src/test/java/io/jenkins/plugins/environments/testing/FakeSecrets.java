package io.jenkins.plugins.environments.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Fake credentials in the shapes of real ones, made at test time from a seed so that no file of the project holds a
 * string that looks like a live token. Every value is random and belongs to no account.
 */
public final class FakeSecrets {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B64URL = ALNUM + "-_";

    private final Random random;

    public FakeSecrets(long seed) {
        this.random = new Random(seed);
    }

    /** @return {@code length} random characters of {@code alphabet} */
    public String chars(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    public String alnum(int length) {
        return chars(ALNUM, length);
    }

    /**
     * @param kind one of the names below
     * @return a fake credential of that kind
     */
    public String of(String kind) {
        return switch (kind) {
            case "ghp", "gho", "ghu", "ghs", "ghr" -> kind + "_" + alnum(36);
            case "github_pat" -> "github_pat_" + alnum(22) + "_" + alnum(59);
            case "glpat", "gldt", "glrt", "glptt" -> kind + "-" + chars(B64URL, 20);
            case "xoxb", "xoxp", "xoxa" -> kind + "-" + digits(12) + "-" + digits(12) + "-" + alnum(24);
            case "slack-webhook" ->
                "https://hooks.slack.com/services/T" + chars(UPPER_DIGITS, 8) + "/B" + chars(UPPER_DIGITS, 8) + "/"
                        + alnum(24);
            case "sk_live", "rk_live", "sk_test" -> kind + "_" + alnum(24);
            case "google" -> "AIza" + chars(B64URL, 35);
            case "npm" -> "npm_" + alnum(36);
            case "aws-id" -> "AKIA" + chars(UPPER_DIGITS, 16);
            case "aws-secret" -> awsSecret();
            case "vault" -> "hvs." + chars(B64URL, 90);
            case "sendgrid" -> "SG." + chars(B64URL, 22) + "." + chars(B64URL, 43);
            case "openai" -> "sk-proj-" + chars(B64URL, 48);
            case "anthropic" -> "sk-ant-api03-" + chars(B64URL, 80);
            case "pypi" -> "pypi-AgEIcHlwaS5vcmc" + chars(B64URL, 60);
            case "age" -> "AGE-SECRET-KEY-1" + chars(UPPER_DIGITS, 58);
            case "digitalocean" -> "dop_v1_" + chars("0123456789abcdef", 64);
            case "shopify" -> "shpat_" + chars("0123456789abcdef", 32);
            case "huggingface" -> "hf_" + alnum(34);
            case "jwt" -> jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", true);
            case "jwt-unsigned" -> jwt("{\"alg\":\"none\"}", false);
            case "pem-rsa" -> pem("RSA PRIVATE KEY");
            case "pem-ec" -> pem("EC PRIVATE KEY");
            case "pem-pkcs8" -> pem("PRIVATE KEY");
            case "pem-openssh" -> pem("OPENSSH PRIVATE KEY");
            case "pem-encrypted" -> pem("ENCRYPTED PRIVATE KEY");
            case "pgp" -> pem("PGP PRIVATE KEY BLOCK");
            case "putty" ->
                "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: fake\n" + "Public-Lines: 2\n"
                        + chars(ALNUM, 64) + "\nPrivate-Lines: 1\n" + chars(ALNUM, 48) + "\n";
            case "pem-base64" -> base64(pem("RSA PRIVATE KEY"));
            case "putty-base64" -> base64(of("putty"));
            case "dockerconfigjson" -> base64(dockerConfigJson());
            case "password" -> chars(ALNUM, 10) + "!" + digits(2);
            case "sealed" -> "AgB" + chars(ALNUM + "+/", 420) + "==";
            case "cert" -> pem("CERTIFICATE");
            case "pubkey" -> pem("PUBLIC KEY");
            case "cert-base64" -> base64(pem("CERTIFICATE"));
            case "sha256hex" -> chars("0123456789abcdef", 64);
            case "gitsha" -> chars("0123456789abcdef", 40);
            case "uuid" ->
                chars("0123456789abcdef", 8) + "-" + chars("0123456789abcdef", 4) + "-4"
                        + chars("0123456789abcdef", 3) + "-a" + chars("0123456789abcdef", 3) + "-"
                        + chars("0123456789abcdef", 12);
            default -> throw new IllegalArgumentException("no fake of kind " + kind);
        };
    }

    public String digits(int length) {
        return chars("0123456789", length);
    }

    public String awsSecret() {
        return chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)
                + chars("abcdefghijklmnopqrstuvwxyz", 4)
                + digits(4)
                + chars(ALNUM + "/+", 28);
    }

    public String jwt(String header, boolean signed) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String payload = "{\"sub\":\"" + digits(8) + "\",\"name\":\"fake user\",\"iat\":" + digits(10) + "}";
        return e.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + (signed ? chars(B64URL, 43) : "");
    }

    public String pem(String label) {
        StringBuilder b = new StringBuilder("-----BEGIN " + label + "-----\n");
        for (int i = 0; i < 4; i++) {
            b.append(chars(ALNUM + "+/", 64)).append('\n');
        }
        return b.append("-----END ").append(label).append("-----\n").toString();
    }

    public String dockerConfigJson() {
        String auth = base64("robot$preview:" + alnum(32));
        return "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + auth + "\"}}}";
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
