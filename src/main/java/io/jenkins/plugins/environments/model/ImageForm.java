package io.jenkins.plugins.environments.model;

/**
 * How a GitOps file refers to the app's image, and so what a GitOps promotion writes into it.
 *
 * <ul>
 *   <li>{@link #DIGEST}: a Helm values key that holds only the digest ({@code image.digest: sha256:…}), next to a
 *       repository key the chart joins it with ({@code repository@digest}). The default, and the only form before
 *       there was a choice.
 *   <li>{@link #IMAGE}: a Helm values key that holds the whole reference ({@code image: repo@sha256:…}).
 *   <li>{@link #TAG}: a Helm values tag key ({@code image.tag}) that receives {@code <tag>@sha256:…}, so that a chart
 *       writing {@code repository:tag} yields {@code repository:tag@sha256:…}. Most charts do not accept that, so it
 *       is allowed only where the target says the chart does ({@code tagAcceptsDigest}).
 *   <li>{@link #KUSTOMIZE}: the {@code images:} entry of a {@code kustomization.yaml} with a given {@code name:}, edited
 *       as {@code kustomize edit set image} does: {@code digest:} set (added when missing), {@code newTag:} removed.
 * </ul>
 */
public enum ImageForm {
    DIGEST("image.digest"),
    IMAGE("image"),
    TAG("image.tag"),
    KUSTOMIZE(null);

    private final String defaultKey;

    ImageForm(String defaultKey) {
        this.defaultKey = defaultKey;
    }

    /** @return the lower-case id, such as {@code digest} */
    public String id() {
        return EnumIds.id(this);
    }

    /**
     * @return the key path used when the target names none; {@code null} for {@link #KUSTOMIZE}, whose entry is then
     *     the one named like the promoted repository
     */
    public String defaultKey() {
        return defaultKey;
    }

    /**
     * @param value {@code digest}, {@code image}, {@code tag} or {@code kustomize}, in any case; blank for
     *     {@code digest}
     * @throws InvalidConfigurationException for field {@code imageForm}, listing the allowed ids
     */
    public static ImageForm parse(String value) {
        return Names.isBlank(value) ? DIGEST : EnumIds.parse(ImageForm.class, "imageForm", "Image form", value);
    }
}
