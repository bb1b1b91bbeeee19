package org.jenkinsci.remoting;

/** Stand-in for org.jenkinsci.remoting.SerializableOnlyOverRemoting (remoting, not on Maven Central). */
public interface SerializableOnlyOverRemoting extends java.io.Serializable {}
