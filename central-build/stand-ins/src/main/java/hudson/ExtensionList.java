package hudson;

import java.util.AbstractList;
import java.util.Iterator;
import jenkins.util.io.OnMaster;

/**
 * Stand-in for Jenkins core's {@code hudson.ExtensionList}. Its constructor is private here so that the
 * stand-ins need no {@code jenkins.model.Jenkins}; the real constructors are protected.
 */
public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    private ExtensionList() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public <U extends T> U get(Class<U> type) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public Iterator<T> iterator() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static <T> hudson.ExtensionList<T> lookup(java.lang.Class<T> arg0) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
