package hudson.model;

/** Stand-in for Jenkins core's {@code hudson.model.Action} (only its abstract members). */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
