package hudson.scm;

/** Stand-in for hudson.scm.ChangeLogSet: real signatures, bodies that only throw. */
public abstract class ChangeLogSet<T extends hudson.scm.ChangeLogSet.Entry> implements java.lang.Iterable<T> {
    private ChangeLogSet() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }


    /** Stand-in for hudson.scm.ChangeLogSet.Entry: real signatures, bodies that only throw. */
    public static abstract class Entry {

        public abstract hudson.model.User getAuthor();

        public java.lang.String getCommitId() {
            throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
        }

        public abstract java.lang.String getMsg();
    }
}
