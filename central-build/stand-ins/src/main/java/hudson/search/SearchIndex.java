package hudson.search;

/** Stand-in for hudson.search.SearchIndex: real signatures, bodies that only throw. */
public interface SearchIndex {
}
