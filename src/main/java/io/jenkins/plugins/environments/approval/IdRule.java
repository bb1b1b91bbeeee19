package io.jenkins.plugins.environments.approval;

/**
 * How a security realm tells whether two ids name the same user or group. Jenkins realms choose one per kind
 * of id ({@code SecurityRealm.getUserIdStrategy()} and {@code getGroupIdStrategy()}); the glue passes the
 * matching {@link StandardIdRule}, or, for a realm with a rule of its own, the realm's {@code keyFor} as a
 * method reference.
 */
@FunctionalInterface
public interface IdRule {

    /** @return the form of the id under which equal ids are equal strings */
    String keyFor(String id);

    /** @return whether both ids name the same user or group under this rule */
    default boolean same(String id, String other) {
        return keyFor(id).equals(keyFor(other));
    }
}
