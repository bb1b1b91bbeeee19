package hudson.model;

/** Stand-in for hudson.model.TopLevelItem: real signatures, bodies that only throw. */
public interface TopLevelItem extends hudson.model.Item,hudson.ExtensionPoint,hudson.model.Describable<hudson.model.TopLevelItem> {
}
