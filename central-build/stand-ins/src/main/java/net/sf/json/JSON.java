package net.sf.json;

/** Stand-in for net.sf.json.JSON: real signatures, bodies that only throw. */
public interface JSON extends java.io.Serializable {
}
