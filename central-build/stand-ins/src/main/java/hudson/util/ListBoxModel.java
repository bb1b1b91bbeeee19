package hudson.util;

import java.util.ArrayList;
import org.kohsuke.stapler.HttpResponse;

/** Stand-in for Jenkins core's {@code hudson.util.ListBoxModel}. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    public ListBoxModel() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    /** Stand-in for one entry of a list box. */
    public static final class Option {
        public Option(String name, String value) {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }
    }
}
