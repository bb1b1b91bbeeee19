package org.kohsuke.stapler.export;

/** Stand-in for org.kohsuke.stapler.export.CustomExportedBean: real signatures, bodies that only throw. */
public interface CustomExportedBean {
}
