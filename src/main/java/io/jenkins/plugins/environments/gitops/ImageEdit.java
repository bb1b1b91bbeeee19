package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.GitOpsTarget;
import java.util.regex.Pattern;

/**
 * The edit a GitOps promotion makes to its file, by the target's image form ({@link
 * io.jenkins.plugins.environments.model.ImageForm}): which key, what value, and how it reads in the commit message.
 *
 * @param edit the new text, what the key held before, whether anything changed
 * @param what the key or entry that changed, for messages, such as {@code image.digest} or {@code images entry 'web'}
 * @param written the value written, such as {@code sha256:…} or {@code registry.example.com/shop/web@sha256:…}
 */
record ImageEdit(YamlValueEditor.Edit edit, String what, String written) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /**
     * @param text the file's text
     * @throws GitOpsException if the file does not hold what the form needs
     */
    static ImageEdit apply(GitOpsTarget target, GitOpsRequest request, String text) {
        String file = target.valuesFile();
        String key = target.digestKey();
        String digest = request.digest();
        return switch (target.imageForm()) {
            case DIGEST -> new ImageEdit(YamlValueEditor.replace(text, key, digest, file), key, digest);
            case IMAGE -> {
                String image = repository(request) + "@" + digest;
                yield new ImageEdit(YamlValueEditor.replace(text, key, image, file), key, image);
            }
            case TAG -> {
                String current = YamlValueEditor.read(text, key, file);
                int at = current.indexOf('@');
                String tag = at < 0 ? current : current.substring(0, at);
                if (!TAG.matcher(tag).matches()) {
                    throw new GitOpsException("Key '" + key + "' in " + file + " holds "
                            + (tag.isEmpty() ? "no tag" : "'" + tag + "', which is not a tag")
                            + ": image form 'tag' keeps the tag and adds '@" + digest + "'; write the tag first");
                }
                String value = tag + "@" + digest;
                yield new ImageEdit(YamlValueEditor.replace(text, key, value, file), key, value);
            }
            case KUSTOMIZE -> {
                String repository = repository(request);
                String name = key == null ? repository : key;
                yield new ImageEdit(
                        YamlValueEditor.setKustomizeImage(text, name, repository, digest, file),
                        "images entry '" + name + "'",
                        digest);
            }
        };
    }

    private static String repository(GitOpsRequest request) {
        if (request.repository() == null) {
            throw new IllegalArgumentException("this image form writes the repository: the request must name it");
        }
        return request.repository();
    }
}
