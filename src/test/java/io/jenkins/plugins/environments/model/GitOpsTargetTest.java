package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.SUBDOMAIN_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitOpsTargetTest {

    private static final String REPO = "https://git.example.com/org/deploy.git";
    private static final String FORMS = "use https://host/path, ssh://host/path, git@host:path or file:///path";
    private static final String KEY_RULE = "is not a valid key path: use dot-separated keys of letters, digits, '_'"
            + " and '-', each optionally followed by an index such as [0], e.g. 'image.digest' or"
            + " 'app.images[0].digest'";

    private static Executable url(String url) {
        return () -> new GitOpsTarget(url, null, null, "values.yaml", null);
    }

    private static Executable values(String path) {
        return () -> new GitOpsTarget(REPO, null, null, path, null);
    }

    private static Executable branch(String branch) {
        return () -> new GitOpsTarget(REPO, null, branch, "values.yaml", null);
    }

    private static Executable key(String key) {
        return () -> new GitOpsTarget(REPO, null, null, "values.yaml", key);
    }

    private static Arguments badBranch(String rule, String value, String must) {
        return bad(
                rule + ": " + value,
                branch(value),
                "branch",
                "Branch " + Names.quote(value) + " is not a valid git branch name: it must not " + must);
    }

    private static Arguments badKey(String value) {
        return bad(
                "digestKeyMustBeYamlKeyPath: " + value,
                key(value),
                "digestKey",
                "Digest key '" + value + "' " + KEY_RULE);
    }

    static Stream<Arguments> badValues() {
        String r = "Repository URL ";
        return Stream.of(
                bad("repositoryUrlIsRequired", url(" "), "repositoryUrl", "Repository URL is required"),
                bad(
                        "repositoryUrlMustNotUsePlainHttp",
                        url("http://git.example.com/org/deploy.git"),
                        "repositoryUrl",
                        r + "'http://git.example.com/org/deploy.git' uses http://, which is not allowed: " + FORMS),
                bad(
                        "repositoryUrlMustNotUseGitProtocol",
                        url("git://git.example.com/org/deploy.git"),
                        "repositoryUrl",
                        r + "'git://git.example.com/org/deploy.git' uses git://, which is not allowed: " + FORMS),
                bad(
                        "repositoryUrlMustNotCarryToken",
                        url("https://ghp_secret@github.com/org/deploy.git"),
                        "repositoryUrl",
                        "Repository URL must not contain a token or password; put it in Jenkins credentials"),
                bad(
                        "repositoryUrlMustNotCarrySshPassword",
                        url("ssh://git:hunter2@git.example.com/org/deploy.git"),
                        "repositoryUrl",
                        "Repository URL must not contain a token or password; put it in Jenkins credentials"),
                bad(
                        "repositoryUrlMustNameRepository",
                        url("https://github.com/"),
                        "repositoryUrl",
                        r + "'https://github.com/' names no repository: " + FORMS),
                bad(
                        "repositoryUrlMustHaveHost",
                        url("ssh:///org/deploy.git"),
                        "repositoryUrl",
                        r + "'ssh:///org/deploy.git' has no valid host: " + FORMS),
                bad(
                        "repositoryUrlMustHaveKnownForm",
                        url("github.com/org/deploy.git"),
                        "repositoryUrl",
                        r + "'github.com/org/deploy.git' is not a repository URL: " + FORMS),
                bad(
                        "repositoryUrlScpHostMustBeValid",
                        url("git@git_hub.com:org/deploy.git"),
                        "repositoryUrl",
                        r + "'git@git_hub.com:org/deploy.git' has an invalid host 'git_hub.com': " + SUBDOMAIN_RULE),
                bad("valuesFileIsRequired", values(""), "valuesFile", "Values file is required"),
                bad(
                        "valuesFileMustBeRelative",
                        values("/envs/prod/values.yaml"),
                        "valuesFile",
                        "Values file '/envs/prod/values.yaml' must be relative to the root: remove the leading '/' or"
                                + " drive"),
                bad(
                        "valuesFileMustNotHaveDrive",
                        values("C:/envs/values.yaml"),
                        "valuesFile",
                        "Values file 'C:/envs/values.yaml' must be relative to the root: remove the leading '/' or"
                                + " drive"),
                bad(
                        "valuesFileMustNotClimbOut",
                        values("envs/../../secrets.yaml"),
                        "valuesFile",
                        "Values file 'envs/../../secrets.yaml' must not contain a '..' segment: it has to stay inside"
                                + " the root"),
                bad(
                        "valuesFileMustUseForwardSlashes",
                        values("envs\\prod\\values.yaml"),
                        "valuesFile",
                        "Values file 'envs\\prod\\values.yaml' must use '/' to separate folders, not '\\'"),
                bad(
                        "valuesFileMustNotHaveEmptySegment",
                        values("envs//values.yaml"),
                        "valuesFile",
                        "Values file 'envs//values.yaml' has an empty segment: remove the doubled or trailing '/'"),
                bad(
                        "valuesFileMustNotBeAFolder",
                        values("envs/prod/"),
                        "valuesFile",
                        "Values file 'envs/prod/' has an empty segment: remove the doubled or trailing '/'"),
                badBranch("branchMustNotContainDoubleDot", "feature..x", "contain '..'"),
                badBranch("branchMustNotContainSpace", "my branch", "contain ' '"),
                badBranch("branchMustNotContainTilde", "main~1", "contain '~'"),
                badBranch("branchMustNotContainCaret", "main^", "contain '^'"),
                badBranch("branchMustNotContainColon", "a:b", "contain ':'"),
                badBranch("branchMustNotContainQuestionMark", "what?", "contain '?'"),
                badBranch("branchMustNotContainStar", "release/*", "contain '*'"),
                badBranch("branchMustNotContainBracket", "fix[1]", "contain '['"),
                badBranch("branchMustNotContainBackslash", "a\\b", "contain '\\'"),
                badBranch("branchMustNotContainControlCharacters", "main\t", "contain '\\u0009'"),
                badBranch("branchMustNotContainDoubleSlash", "release//1", "contain '//'"),
                badBranch("branchMustNotContainAtBrace", "main@{1}", "contain '@{'"),
                badBranch("branchComponentMustNotStartWithDot", "feature/.x", "contain '/.'"),
                badBranch("branchMustNotStartWithHyphen", "-main", "start with '-'"),
                badBranch("branchMustNotStartWithSlash", "/main", "start with '/'"),
                badBranch("branchMustNotEndWithSlash", "release/", "end with '/'"),
                badBranch("branchMustNotEndWithLock", "main.lock", "end with '.lock'"),
                badBranch("branchMustNotEndWithDot", "main.", "end with '.'"),
                badKey("image..digest"),
                badKey(".image"),
                badKey("image."),
                badKey("image digest"),
                badKey("images[x].digest"),
                badKey("images[0"),
                badKey("image/digest"),
                badKey("images[0][1]"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @ParameterizedTest(name = "repositoryUrlAccepted: {0}")
    @ValueSource(
            strings = {
                "https://github.com/org/deploy.git",
                "ssh://git@git.example.com:2222/org/deploy.git",
                "git@github.com:org/deploy.git",
                "git@GitHub.com:org/deploy.git",
                "deploy.example.com:srv/deploy.git",
                "file:///srv/git/deploy.git"
            })
    void repositoryUrlAccepted(String url) {
        assertEquals(url, new GitOpsTarget(url, null, null, "values.yaml", null).repositoryUrl());
    }

    @ParameterizedTest(name = "digestKeyAccepted: {0}")
    @ValueSource(strings = {"image.digest", "app.images[0].digest", "a_b-c.D9", "digest", "images[12]"})
    void digestKeyAccepted(String key) {
        assertEquals(key, new GitOpsTarget(REPO, null, null, "values.yaml", key).digestKey());
    }

    @ParameterizedTest(name = "branchAccepted: {0}")
    @ValueSource(strings = {"main", "release/2.1", "feature/JIRA-12_fix", "env.prod"})
    void branchAccepted(String branch) {
        assertEquals(branch, new GitOpsTarget(REPO, null, branch, "values.yaml", null).branch());
    }

    @Test
    void defaultsApplyToBlankBranchDigestKeyAndCredentials() {
        GitOpsTarget target = new GitOpsTarget(REPO, "", " ", "envs/prod/values.yaml", "");
        assertEquals(new GitOpsTarget(REPO, null, "main", "envs/prod/values.yaml", "image.digest"), target);
        assertNull(target.credentialsId());
    }

    @Test
    void valuesFileMayStartWithDotSegment() {
        assertEquals("./values.yaml", new GitOpsTarget(REPO, null, null, "./values.yaml", null).valuesFile());
    }

    @ParameterizedTest(name = "imageFormDefaultKey: {0} -> {1}")
    @MethodSource("formDefaults")
    void eachImageFormHasItsDefaultKeyAndRenderPath(ImageForm form, String key, String renderPath) {
        GitOpsTarget target = new GitOpsTarget(
                REPO, null, null, "envs/prod/kustomization.yaml", " ", form, null, form == ImageForm.TAG);
        assertEquals(key, target.digestKey());
        assertEquals(renderPath, target.renderPath());
    }

    static Stream<Arguments> formDefaults() {
        return Stream.of(
                Arguments.of(ImageForm.DIGEST, "image.digest", null),
                Arguments.of(ImageForm.IMAGE, "image", null),
                Arguments.of(ImageForm.TAG, "image.tag", null),
                Arguments.of(ImageForm.KUSTOMIZE, null, "envs/prod"));
    }

    @Test
    void imageFormIdsParseInAnyCaseAndBlankIsDigest() {
        assertEquals(ImageForm.KUSTOMIZE, ImageForm.parse("Kustomize"));
        assertEquals(ImageForm.DIGEST, ImageForm.parse(" "));
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class, () -> ImageForm.parse("helm"));
        assertEquals("imageForm", e.field());
        assertEquals("Image form 'helm' is not known: use one of digest, image, tag, kustomize", e.getMessage());
    }

    @Test
    void renderPathMustStayInsideTheRepository() {
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class,
                () -> new GitOpsTarget(REPO, null, null, "values.yaml", null, null, "../charts/shop", false));
        assertEquals("renderPath", e.field());
    }

    /** The defect this rule closes: a digest written into image.tag made 'repo:sha256:…' and reported success. */
    @ParameterizedTest(name = "digestIntoTagKeyRefused: {0}")
    @ValueSource(strings = {"image.tag", "tag", "web.imageTag", "app.image_tag", "images[0].newTag"})
    void aDigestIntoATagKeyIsRefusedUnlessARenderProvesIt(String key) {
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class, () -> new GitOpsTarget(REPO, null, null, "values.yaml", key));
        assertEquals("digestKey", e.field());
        assertEquals(
                "Digest key '" + key + "' looks like a tag key: a chart that writes 'repository:<tag>' would get the"
                        + " invalid 'repository:sha256:…'. Use image form 'tag', or name the chart in renderPath so"
                        + " that a render proves the chart reads it as a digest",
                e.getMessage());
        assertEquals(
                key,
                new GitOpsTarget(REPO, null, null, "values.yaml", key, ImageForm.DIGEST, "charts/shop", false)
                        .digestKey());
    }

    @ParameterizedTest(name = "notATagKey: {0}")
    @ValueSource(strings = {"image.digest", "stage", "image.tags.digest", "vintage"})
    void keysThatOnlyContainTagAreNotTagKeys(String key) {
        assertEquals(key, new GitOpsTarget(REPO, null, null, "values.yaml", key).digestKey());
    }
}
