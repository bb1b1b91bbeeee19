package hudson.model;

/** Stand-in for hudson.model.ModifiableItemGroup: real signatures, bodies that only throw. */
public interface ModifiableItemGroup<T extends hudson.model.Item> extends hudson.model.ItemGroup<T> {
}
