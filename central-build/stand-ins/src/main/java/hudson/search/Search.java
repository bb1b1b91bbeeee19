package hudson.search;

/** Stand-in for hudson.search.Search: real signatures, bodies that only throw. */
public class Search implements org.kohsuke.stapler.StaplerProxy {

    @Override
    public java.lang.Object getTarget() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
