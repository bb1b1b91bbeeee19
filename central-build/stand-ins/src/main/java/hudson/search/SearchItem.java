package hudson.search;

/** Stand-in for hudson.search.SearchItem: real signatures, bodies that only throw. */
public interface SearchItem {
}
