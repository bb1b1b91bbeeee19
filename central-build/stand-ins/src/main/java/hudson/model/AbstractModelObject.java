package hudson.model;

/** Stand-in for hudson.model.AbstractModelObject: real signatures, bodies that only throw. */
public abstract class AbstractModelObject implements hudson.search.SearchableModelObject {

    public hudson.search.Search getSearch() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public final hudson.search.SearchIndex getSearchIndex() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getSearchName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
