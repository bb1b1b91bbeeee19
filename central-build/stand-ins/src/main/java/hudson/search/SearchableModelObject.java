package hudson.search;

/** Stand-in for hudson.search.SearchableModelObject: real signatures, bodies that only throw. */
public interface SearchableModelObject extends hudson.model.ModelObject,hudson.search.SearchItem {

    hudson.search.Search getSearch();
}
