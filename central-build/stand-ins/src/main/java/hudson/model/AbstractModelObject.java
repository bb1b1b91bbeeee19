package hudson.model;

/** Stand-in for hudson.model.AbstractModelObject: real signatures, bodies that only throw. */
public abstract class AbstractModelObject implements hudson.search.SearchableModelObject {
}
