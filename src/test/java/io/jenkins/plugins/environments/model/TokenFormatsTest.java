package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.FakeSecrets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFormatsTest {

    private final FakeSecrets fake = new FakeSecrets(7);

    @ParameterizedTest(name = "{0} is found by rule {1}")
    @CsvSource({
        "ghp, github-token",
        "gho, github-token",
        "ghu, github-token",
        "ghs, github-token",
        "ghr, github-token",
        "github_pat, github-token",
        "glpat, gitlab-token",
        "gldt, gitlab-token",
        "glrt, gitlab-token",
        "xoxb, slack-token",
        "xoxp, slack-token",
        "slack-webhook, slack-webhook",
        "sk_live, stripe-key",
        "rk_live, stripe-key",
        "google, google-api-key",
        "npm, npm-token",
        "aws-id, aws-access-key-id",
        "vault, vault-token",
        "sendgrid, sendgrid-key",
        "openai, ai-api-key",
        "anthropic, ai-api-key",
        "pypi, pypi-token",
        "age, age-secret-key",
        "digitalocean, digitalocean-token",
        "shopify, shopify-token",
        "huggingface, huggingface-token",
        "jwt, jwt",
        "jwt-unsigned, jwt",
        "pem-rsa, private-key",
        "pem-openssh, private-key",
        "pgp, private-key",
        "putty, private-key",
        "pem-base64, private-key-base64",
        "putty-base64, private-key-base64",
        "dockerconfigjson, docker-config-auth"
    })
    void findsEachFormatWithItsSpan(String kind, String rule) {
        String token = fake.of(kind);
        String text = "value: \"" + token + "\" # end";
        List<TokenFormats.Match> matches = TokenFormats.find(text);
        assertTrue(matches.stream().anyMatch(m -> m.ruleId().equals(rule)), kind + " → " + matches);
        TokenFormats.Match m = matches.stream()
                .filter(x -> x.ruleId().equals(rule))
                .findFirst()
                .orElseThrow();
        assertTrue(m.start() >= 8 && m.end() <= 8 + token.length(), m.toString());
    }

    @Test
    void urlPasswordSpanIsThePasswordOnly() {
        String text = "url: postgres://shop:Sup3r-s3cret@db.internal:5432/shop";
        List<TokenFormats.Match> matches = TokenFormats.find(text);
        assertEquals(1, matches.size(), matches.toString());
        TokenFormats.Match m = matches.get(0);
        assertEquals("url-password", m.ruleId());
        assertEquals("Sup3r-s3cret", text.substring(m.start(), m.end()));
    }

    @ParameterizedTest(name = "clean: {0}")
    @ValueSource(
            strings = {
                "image: ghcr.io/acme/shop@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "ghp_short",
                "xoxz-123456789012-abcdef",
                "key: -----BEGIN PUBLIC KEY-----",
                "-----BEGIN CERTIFICATE-----",
                "ca: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM=",
                "https://user:${DB_PASSWORD}@db:5432/x",
                "https://{{ .Values.user }}:{{ .Values.password }}@db/x",
                "redis://redis:6379/0",
                "ssh://git@github.com/acme/shop.git",
                "git@github.com:acme/shop.git",
                "https://user:password@host/path",
                "eyJhbGci.notajwt",
                "Authorization: Bearer $TOKEN",
                "Bearer authentication",
                "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
                "commit 3f786850e387550fdab836ed7e6dc881de23001b",
                "AKIAIOSFODNN7EXAMPLEx",
                "e4eaaaf2-d142-11e1-b3e4-080027620cdd"
            })
    void cleanTextHasNoMatch(String text) {
        assertEquals(List.of(), TokenFormats.find(text));
    }

    @Test
    void awsSecretShape() {
        assertTrue(TokenFormats.isAwsSecretKeyShape(fake.awsSecret()));
        assertEquals(false, TokenFormats.isAwsSecretKeyShape("3f786850e387550fdab836ed7e6dc881de23001b"));
    }

    /** Inputs that make a backtracking expression blow up: each prefix repeated, then an almost-match. */
    @ParameterizedTest(name = "linear work on 1 MB of \"{0}\"")
    @ValueSource(
            strings = {
                "ghp_",
                "github_pat_",
                "glpat-",
                "xoxb-",
                "hooks.slack.com/services/",
                "sk_live_",
                "AIza",
                "AKIA",
                "eyJ",
                "eyJhbGciOiJIUzI1NiJ9.",
                "eyJhdXRocyI6",
                "LS0tLS1CRUdJ",
                "-----BEGIN ",
                "-----BEGIN RSA ",
                "PuTTY-User-Key-File-",
                "://",
                "a://u:p",
                "Bearer ",
                "Basic ",
                "a",
                "=",
                "@",
                "hvs.",
                "SG."
            })
    void workIsLinearInTheLength(String unit) {
        StringBuilder b = new StringBuilder(1 << 20);
        while (b.length() < (1 << 20)) {
            b.append(unit);
        }
        long work = TokenFormats.scan(b, m -> {});
        assertTrue(work <= 12L * b.length(), unit + ": " + work + " characters examined for " + b.length());
    }
}
