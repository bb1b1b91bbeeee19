package hudson.search;

/** Stand-in for hudson.search.SearchItem: real signatures, bodies that only throw. */
public interface SearchItem {

    hudson.search.SearchIndex getSearchIndex();

    java.lang.String getSearchName();

    java.lang.String getSearchUrl();
}
