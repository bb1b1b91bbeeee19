package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.LABEL_RULE;
import static io.jenkins.plugins.environments.model.Rejections.SUBDOMAIN_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NameTemplateTest {

    private static final String NS = "Namespace pattern ";
    private static final String HOST = "Host template ";

    private static Executable env(String template) {
        return () -> NameTemplate.environmentNamespace(template);
    }

    private static Executable preview(String template) {
        return () -> NameTemplate.previewNamespace(template);
    }

    private static Executable host(String template) {
        return () -> NameTemplate.previewHost(template);
    }

    static Stream<Arguments> badValues() {
        String f = "namespacePattern";
        return Stream.of(
                bad(
                        "templateBracesMustClose",
                        preview("pr-{number"),
                        f,
                        NS + "'pr-{number' has a '{' that is not closed: write placeholders as {name}"),
                bad(
                        "templateBracesMustOpen",
                        preview("pr-number}"),
                        f,
                        NS + "'pr-number}' has a '}' without a matching '{'"),
                bad(
                        "templateBracesMustNotNest",
                        env("{app}-{{env}}"),
                        f,
                        NS + "'{app}-{{env}}' has a '{' that is not closed: write placeholders as {name}"),
                bad(
                        "templatePlaceholderMustBeAllowed",
                        env("{app}-{stage}"),
                        f,
                        NS + "'{app}-{stage}' uses the unknown placeholder {stage}: allowed are {app}, {env}"),
                bad(
                        "templatePlaceholderIsCaseSensitive",
                        env("{App}-{env}"),
                        f,
                        NS + "'{App}-{env}' uses the unknown placeholder {App}: allowed are {app}, {env}"),
                bad(
                        "templatePlaceholderMustNotBeEmpty",
                        env("{app}-{}"),
                        f,
                        NS + "'{app}-{}' uses the unknown placeholder {}: allowed are {app}, {env}"),
                bad(
                        "previewTemplateHasNoEnvPlaceholder",
                        preview("{app}-{env}-{number}"),
                        f,
                        NS + "'{app}-{env}-{number}' uses the unknown placeholder {env}: allowed are {number}, {app}"),
                bad(
                        "previewNamespaceMustContainNumber",
                        preview("preview-{app}"),
                        f,
                        NS + "'preview-{app}' must contain {number}: without it, every pull request would get the"
                                + " same namespace"),
                bad(
                        "previewHostMustContainNumber",
                        host("{app}.preview.example.com"),
                        "hostTemplate",
                        HOST + "'{app}.preview.example.com' must contain {number}: without it, every pull request"
                                + " would get the same host name"),
                bad(
                        "namespaceTemplateMustRenderToLabel: underscore",
                        env("{app}_{env}"),
                        f,
                        NS + "'{app}_{env}' gives 'myapp_staging' for {app}=myapp, {env}=staging, which is not a valid"
                                + " namespace: " + LABEL_RULE),
                bad(
                        "namespaceTemplateMustRenderToLabel: dots",
                        env("ns.{env}"),
                        f,
                        NS + "'ns.{env}' gives 'ns.staging' for {env}=staging, which is not a valid namespace: "
                                + LABEL_RULE),
                bad(
                        "namespaceTemplateMustRenderToLabel: too long",
                        env("x".repeat(56) + "-{env}"),
                        f,
                        NS + "'" + "x".repeat(56) + "-{env}' gives '" + "x".repeat(56)
                                + "-staging' for {env}=staging, which is not a valid namespace: " + LABEL_RULE),
                bad(
                        "namespaceTemplateMustRenderToLabel: no placeholder",
                        env("Shared"),
                        f,
                        NS + "'Shared' gives 'Shared', which is not a valid namespace: " + LABEL_RULE),
                bad(
                        "hostTemplateMustRenderToSubdomain",
                        host("pr-{number}_preview.example.com"),
                        "hostTemplate",
                        HOST + "'pr-{number}_preview.example.com' gives 'pr-1842_preview.example.com' for"
                                + " {number}=1842, which is not a valid host name: " + SUBDOMAIN_RULE),
                bad(
                        "hostTemplateMustBeLowerCase",
                        host("PR-{number}.example.com"),
                        "hostTemplate",
                        HOST + "'PR-{number}.example.com' gives 'PR-1842.example.com' for {number}=1842, which is not"
                                + " a valid host name: " + SUBDOMAIN_RULE),
                bad(
                        "templateMustNotContainControlCharacters",
                        env("{app}\n-{env}"),
                        f,
                        NS + "'{app}\\u000A-{env}' must not contain control characters such as line breaks"),
                bad(
                        "renderChecksRealValues",
                        () -> NameTemplate.environmentNamespace(null).render(Map.of("app", "Payments", "env", "prod")),
                        f,
                        NS + "'{app}-{env}' gives 'Payments-prod' for {app}=Payments, {env}=prod, which is not a"
                                + " valid namespace: " + LABEL_RULE),
                bad(
                        "renderNeedsEveryUsedPlaceholder",
                        () -> NameTemplate.environmentNamespace(null).render(Map.of("app", "payments")),
                        f,
                        NS + "'{app}-{env}' needs a value for {env}"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest(name = "templateRenders: {0}")
    @CsvSource({
        "'{app}-{env}',                      payments-prod",
        "'{env}',                            prod",
        "'team-a-{app}',                     team-a-payments",
        "'',                                 payments-prod",
    })
    void environmentNamespaceRenders(String template, String expected) {
        assertEquals(
                expected, NameTemplate.environmentNamespace(template).render(Map.of("app", "payments", "env", "prod")));
    }

    @ParameterizedTest(name = "previewTemplateRenders: {0}")
    @CsvSource({
        "namespace, '',                                 pr-7",
        "namespace, '{app}-pr-{number}',                shop-pr-7",
        "host,      '',                                 pr-7.preview.example.com",
        "host,      '{app}-{number}.previews.acme.dev', shop-7.previews.acme.dev",
    })
    void previewTemplatesRender(String kind, String template, String expected) {
        NameTemplate t =
                kind.equals("host") ? NameTemplate.previewHost(template) : NameTemplate.previewNamespace(template);
        assertEquals(expected, t.render(Map.of("app", "shop", "number", "7")));
    }

    @Test
    void blankTemplateMeansTheKindsDefault() {
        assertEquals("{app}-{env}", NameTemplate.environmentNamespace(" ").template());
        assertEquals("pr-{number}", NameTemplate.previewNamespace(null).template());
        assertEquals(
                "pr-{number}.preview.example.com", NameTemplate.previewHost("").template());
    }
}
