package io.jenkins.plugins.environments.gitops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * What a GitOps promotion would change, read without changing anything ({@link GitOpsPromotion#preview}): the values
 * file at the tip of the branch and as the promotion would write it.
 *
 * @param branch the target's branch
 * @param tip the id of the branch's tip commit the edit was applied to
 * @param valuesFile the file's path in the repository
 * @param before the file's text at the tip
 * @param after the file's text as the promotion would commit it
 * @param what the key or entry that changes, such as {@code image.digest}
 * @param previousValue what the key holds at the tip
 */
public record GitOpsPreview(
        String branch, String tip, String valuesFile, String before, String after, String what, String previousValue) {

    /** Lines of context around each change in {@link #diff()}, as {@code git diff} shows by default. */
    public static final int CONTEXT = 3;

    /** @return whether the promotion would commit anything (the key does not hold the digest yet) */
    public boolean changed() {
        return !before.equals(after);
    }

    /** @return such as {@code prod/values.yaml on branch main at 1a2b3c4d5e6f} */
    public String describe() {
        return valuesFile + " on branch " + branch + " at " + tip.substring(0, Math.min(12, tip.length()));
    }

    /**
     * @return the change as a unified diff ({@code --- a/<file>}, {@code +++ b/<file>}, hunks with {@value #CONTEXT}
     *     lines of context), as {@code git diff} shows it; empty when nothing changes
     */
    public String diff() {
        if (!changed()) {
            return "";
        }
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setContext(CONTEXT);
            formatter.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a diff to memory", e);
        }
        return "--- a/" + valuesFile + "\n+++ b/" + valuesFile + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
