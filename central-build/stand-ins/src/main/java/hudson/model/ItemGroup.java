package hudson.model;

/** Stand-in for hudson.model.ItemGroup: real signatures, bodies that only throw. */
public interface ItemGroup<T extends hudson.model.Item> extends jenkins.model.FullyNamed,jenkins.model.FullyNamedModelObject,hudson.model.PersistenceRoot {

    default <T extends hudson.model.Item> java.lang.Iterable<T> allItems(java.lang.Class<T> arg0, java.util.function.Predicate<T> arg1) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
