package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Names.quote;

import java.util.regex.Pattern;

/**
 * Rules for names that point into a git repository or a workspace: relative file paths, branch names and
 * key paths inside a YAML file. They share the required/blank handling and control-character check of
 * {@link Names}.
 */
public final class RepositoryNames {

    private static final Pattern YAML_KEY_PATH =
            Pattern.compile("[A-Za-z0-9_-]+(\\[[0-9]+])?(\\.[A-Za-z0-9_-]+(\\[[0-9]+])?)*");
    private static final String BRANCH_FORBIDDEN = " ~^:?*[\\";

    private RepositoryNames() {}

    /**
     * A path relative to the root of a repository or workspace, written with {@code /}: not absolute, no
     * {@code ..} segment (it could climb out of the root), no backslash, no empty segment.
     */
    public static String requireRelativePath(String field, String what, String value) {
        Names.rejectControlCharacters(field, what, Names.require(field, what, value));
        if (value.contains("\\")) {
            throw Names.invalid(field, what, value, "must use '/' to separate folders, not '\\'");
        }
        if (value.startsWith("/") || value.matches("[A-Za-z]:.*")) {
            throw Names.invalid(field, what, value, "must be relative to the root: remove the leading '/' or drive");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.equals("..")) {
                throw Names.invalid(
                        field, what, value, "must not contain a '..' segment: it has to stay inside the root");
            }
            if (segment.isEmpty()) {
                throw Names.invalid(field, what, value, "has an empty segment: remove the doubled or trailing '/'");
            }
        }
        return value;
    }

    /**
     * A git branch name, by the rules of {@code git check-ref-format} that matter in practice: no
     * {@code ..}, {@code //} or {@code @&#123;}, none of space and {@code ~^:?*[\}, no control characters, not
     * starting with {@code -}, {@code /} or {@code .}, not ending with {@code /}, {@code .} or {@code .lock}.
     */
    public static String requireBranch(String field, String what, String value) {
        Names.require(field, what, value);
        for (char c : value.toCharArray()) {
            if (BRANCH_FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
                throw branchProblem(field, what, value, "contain " + quote(String.valueOf(c)));
            }
        }
        for (String sequence : new String[] {"..", "//", "@{", "/."}) {
            if (value.contains(sequence)) {
                throw branchProblem(field, what, value, "contain '" + sequence + "'");
            }
        }
        for (String start : new String[] {"-", "/", "."}) {
            if (value.startsWith(start)) {
                throw branchProblem(field, what, value, "start with '" + start + "'");
            }
        }
        for (String end : new String[] {"/", ".lock", "."}) {
            if (value.endsWith(end)) {
                throw branchProblem(field, what, value, "end with '" + end + "'");
            }
        }
        return value;
    }

    /**
     * A key path into a YAML document: dot-separated keys of letters, digits, {@code _} and {@code -}, each
     * optionally followed by one list index, as in {@code image.digest} or {@code app.images[0].digest}.
     */
    public static String requireYamlKeyPath(String field, String what, String value) {
        Names.require(field, what, value);
        if (!YAML_KEY_PATH.matcher(value).matches()) {
            throw Names.invalid(
                    field,
                    what,
                    value,
                    "is not a valid key path: use dot-separated keys of letters, digits, '_' and '-', each"
                            + " optionally followed by an index such as [0], e.g. 'image.digest' or"
                            + " 'app.images[0].digest'");
        }
        return value;
    }

    private static InvalidConfigurationException branchProblem(String field, String what, String value, String rule) {
        return Names.invalid(field, what, value, "is not a valid git branch name: it must not " + rule);
    }
}
