package net.sf.json;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Stand-in for {@code net.sf.json.JSONObject} of Jenkins' json-lib fork (2.4-jenkins-15), which Maven Central does not
 * have. It is a {@code Map} there too, so the map's members are all here, with the fork's raw types.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class JSONObject extends AbstractJSON implements JSON, Map<String, Object>, Comparable {
    public JSONObject() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public boolean isEmpty() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public boolean containsKey(Object key) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public boolean containsValue(Object value) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Object get(Object key) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public Object get(String key) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Object put(String key, Object value) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Object remove(Object key) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void putAll(Map map) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Set keySet() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Collection values() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Set entrySet() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public int compareTo(Object other) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public boolean equals(Object other) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
