package net.sf.json;

/** Stand-in for json-lib's package-private base class of {@link JSONObject}. */
abstract class AbstractJSON {
    AbstractJSON() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
