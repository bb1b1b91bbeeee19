package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretScannerTest {

    // assembled at run time so this file does not itself look like it holds secrets
    static final String AWS_ID = "AKIA" + "IOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
    static final String GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    static final String SLACK = "xoxb-" + "123456789012-abcdefghijkl";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0In0" + ".c2lnbmF0dXJlLXBhcnQ";
    static final String PEM = "-----BEGIN RSA " + "PRIVATE KEY-----";

    private final SecretScanner scanner = new SecretScanner();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "private-key | key: >\\n  PEM\\n  MIIE",
                "aws-access-key-id | accessKeyId: AWS_ID",
                "github-token | gh: GH",
                "slack-token | hook: SLACK",
                "jwt | bearer: JWT",
                "generic-secret | db:\\n  password: hunter2",
                "generic-secret | apiKey: 'abc123'",
                "generic-secret | client_secret: \"s3cr3t\" # prod",
                "generic-secret | authToken: abc"
            })
    void positive(String rule, String template) {
        String text = fill(template);
        List<SecretScanner.Finding> findings =
                scanner.scanValues("values.yaml", text).findings();
        assertTrue(findings.stream().anyMatch(f -> f.ruleId().equals(rule)), findings.toString());
        for (SecretScanner.Finding f : findings) {
            assertTrue(f.location().startsWith("values.yaml:"), f.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "private-key | key: -----BEGIN PUBLIC KEY-----",
                "aws-access-key-id | accessKeyId: AKIAshort",
                "aws-secret-access-key | note: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "github-token | gh: ghp_short",
                "slack-token | hook: xoxz-123456789012-abcdef",
                "jwt | bearer: eyJhbGci.notajwt",
                "generic-secret | password: ${DB_PASSWORD}",
                "generic-secret | password: '{{ .Values.x }}'",
                "generic-secret | password: \"\"",
                "generic-secret | password:",
                "generic-secret | password: changeme",
                "generic-secret | token: <your token>",
                "generic-secret | secretName: app-credentials",
                "generic-secret | existingSecret: app-credentials",
                "generic-secret | password:\\n  secretKeyRef:\\n    name: db"
            })
    void negative(String rule, String template) {
        List<SecretScanner.Finding> findings =
                new SecretScanner().scanValues("values.yaml", fill(template)).findings();
        assertFalse(findings.stream().anyMatch(f -> f.ruleId().equals(rule)), findings.toString());
    }

    @Test
    void awsSecretNextToKeyId() {
        List<SecretScanner.Finding> findings = scanner.scanValues(
                        "v.yaml", "aws:\n  id: " + AWS_ID + "\n  key: " + AWS_SECRET + "\n")
                .findings();
        assertEquals(
                List.of(
                        new SecretScanner.Finding("v.yaml", 2, "aws-access-key-id", "AWS access key id"),
                        new SecretScanner.Finding(
                                "v.yaml",
                                3,
                                "aws-secret-access-key",
                                "AWS secret access key next to an access key id")),
                findings);
    }

    @Test
    void setEntries() {
        List<SecretScanner.Finding> findings =
                new SecretScanner().scanSet(Map.of("db.password", "hunter2")).findings();
        assertEquals(
                List.of(new SecretScanner.Finding(
                        "--set db.password", 0, "generic-secret", "literal value for key 'password'")),
                findings);
        assertEquals(
                List.of(),
                new SecretScanner()
                        .scanSet(Map.of("image.tag", "1.2", "db.password", "${X}"))
                        .findings());
        assertEquals(
                "github-token",
                new SecretScanner()
                        .scanSet(Map.of("note", GH))
                        .findings()
                        .get(0)
                        .ruleId());
    }

    @Test
    void valuesNeverAppearInMessages() {
        String text = fill("a: AWS_ID\nb: AWS_SECRET\nc: GH\nd: SLACK\ne: JWT\npassword: hunter2zz\n");
        ScanReport report = new SecretScanner().scan(Map.of("v.yaml", text), Map.of("x.token", "tok3nvalue"));
        RenderException e = assertThrows(RenderException.class, report::throwIfFindings);
        for (String secret : List.of(AWS_ID, AWS_SECRET, GH, SLACK, JWT, "hunter2zz", "tok3nvalue")) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
            assertFalse(report.toString().contains(secret), report.toString());
        }
        assertTrue(e.getMessage().contains("v.yaml:1: [aws-access-key-id]"), e.getMessage());
        assertTrue(e.getMessage().contains("--set x.token: [generic-secret]"), e.getMessage());
        new ScanReport(List.of()).throwIfFindings();
    }

    @Test
    void rendererScansBeforeRunning(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("chart"));
        Files.writeString(root.resolve("prod.yaml"), "image: x\ndb:\n  password: hunter2\n");
        RecordingCommandRunner runner = new RecordingCommandRunner();
        Renderer renderer = new Renderer(runner, new LocalWorkspace(root), Map.of(), Duration.ofSeconds(5));
        RenderException e = assertThrows(
                RenderException.class,
                () -> renderer.render(RenderRequest.chart(
                        "chart", "r", "ns", List.of("prod.yaml"), Map.of("api.apiKey", "k3y-4bc123"), "/bin/helm")));
        assertTrue(e.getMessage().contains("prod.yaml:3: [generic-secret]"), e.getMessage());
        assertTrue(e.getMessage().contains("--set api.apiKey: [generic-secret]"), e.getMessage());
        assertEquals(List.of(), runner.calls);
    }

    private static String fill(String template) {
        return template.replace("\\n", "\n")
                .replace("AWS_SECRET", AWS_SECRET)
                .replace("AWS_ID", AWS_ID)
                .replace("GH", GH)
                .replace("SLACK", SLACK)
                .replace("JWT", JWT)
                .replace("PEM", PEM);
    }
}
