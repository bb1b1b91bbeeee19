package hudson.model;

/** Stand-in for hudson.model.ItemGroup: real signatures, bodies that only throw. */
public interface ItemGroup<T extends hudson.model.Item> extends jenkins.model.FullyNamed,jenkins.model.FullyNamedModelObject,hudson.model.PersistenceRoot {
}
