#!/usr/bin/env python3
"""Prints the Java source of a stand-in, read from the real API list, for a contributor to start from.

    python3 central-build/stand-ins/stand-in.py [--call-only] TYPE [MEMBER ...] > central-build/stand-ins/src/main/java/…/Name.java

TYPE is a binary name (hudson.util.FormValidation, hudson.model.Descriptor$FormException). Each MEMBER is
a member name (all overloads), a signature as the list writes it (`error(java.lang.String)`), or
`<init>` for the constructors. The type's abstract members are included, so that an implementation that
misses one fails to compile here as it would against Jenkins (StandInCompletenessTest demands them for
every type the plugin extends or implements); --call-only leaves them out, for a type the plugin only
calls, so that the stand-in does not drag in every type those members mention. Bodies only throw;
fields get initializers that are not compile-time constants, so that no stand-in value is ever inlined
into the plugin's classes. Nested types are printed on their own: paste them into the outer class.

The output is a start, not a finished file: add the imports you like, and check the result with
StandInFidelityTest (mvn -f central-build/pom.xml -pl stand-ins test).
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SIGS = os.path.join(HERE, "src/test/resources/jenkins-api.sigs.tsv")
ANNOTATIONS = os.path.join(HERE, "src/test/resources/jenkins-api.annotations.tsv")
THROW = 'throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");'
PRIMITIVE_DEFAULTS = {"boolean": "Boolean.parseBoolean(\"false\")", "int": "Integer.parseInt(\"0\")",
                      "long": "Long.parseLong(\"0\")", "double": "Double.parseDouble(\"0\")",
                      "float": "Float.parseFloat(\"0\")", "short": "Short.parseShort(\"0\")",
                      "byte": "Byte.parseByte(\"0\")", "char": "\"\\0\".charAt(0)"}


def rows_of(type_name):
    with open(SIGS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (8 - len(cols))
            if cols[1] == type_name:
                yield cols


def java(text):
    """A signature of the list as Java source: nested types with dots."""
    return text.replace("$", ".")


def split_params(params):
    out, depth, cur = [], 0, ""
    for ch in params:
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [p for p in out + [cur] if p]


def modifiers(mods, kind):
    keep = [m for m in mods.split(",") if m in ("public", "protected", "static", "abstract", "final", "default")]
    if kind == "interface-member":
        keep = [m for m in keep if m not in ("abstract", "public")]
    return " ".join(keep)


def method(cols, in_interface, simple_name):
    kind, _, _, mods, annotations, _, generic, throws = cols[:8]
    m = re.match(r"^(<.*?>)?([\w$<>]+)\((.*)\)(?::(.*))?$", generic)
    type_params, name, params, ret = m.group(1) or "", m.group(2), m.group(3), m.group(4)
    args = ", ".join(f"{java(p)} arg{i}" for i, p in enumerate(split_params(params)))
    mod = modifiers(mods, "interface-member" if in_interface else "member")
    deprecated = "    @Deprecated\n" if "deprecated" in mods else ""
    clause = f" throws {java(throws.replace(',', ', '))}" if throws else ""
    if kind == "ctor":
        return f"{deprecated}    {mod} {simple_name}({args}){clause} {{\n        {THROW}\n    }}\n"
    head = f"{mod} {java(type_params) + ' ' if type_params else ''}{java(ret)} {name}({args}){clause}"
    if "abstract" in mods:
        return f"{deprecated}    {head.strip()};\n"
    return f"{deprecated}    {head.strip()} {{\n        {THROW}\n    }}\n"


def field(cols, in_interface):
    _, _, sig, mods, _, _, generic, _ = cols[:8]
    name, type_ = generic.split(":", 1)
    if "enum-constant" in mods:
        return None
    mod = modifiers(mods, "interface-member" if in_interface else "member")
    init = ""
    if "final" in mods or in_interface:
        init = " = " + PRIMITIVE_DEFAULTS.get(type_, "null")
    return f"    {mod} {java(type_)} {name}{init};\n"


def annotation_header(type_name):
    try:
        with open(ANNOTATIONS, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if cols[0] == type_name:
                    defaults = dict(kv.split("=", 1) for kv in cols[5].split(";") if "=" in kv)
                    return "".join(f"{a}\n" for a in re.findall(r"@[\w.$]+(?:\([^)]*\))?", cols[6])), defaults
    except FileNotFoundError:
        pass
    return "", {}


def main(type_name, wanted, call_only=False):
    rows = list(rows_of(type_name))
    if not rows:
        sys.exit(f"{type_name} is not in {SIGS}")
    decl = next(r for r in rows if r[0] == "type")
    generic, mods = decl[6], decl[3]
    keyword = generic.split(" ", 1)[0]
    simple = generic.split(" ", 2)[1].split("<")[0]
    in_interface = keyword in ("interface", "@interface")
    package = type_name.rsplit(".", 1)[0] if "$" not in type_name else type_name.split("$")[0].rsplit(".", 1)[0]
    out = [f"package {package};\n\n"] if "$" not in type_name else []
    header, defaults = annotation_header(type_name) if keyword == "@interface" else ("", {})
    out.append(f"/** Stand-in for {type_name.replace('$', '.')}: real signatures, bodies that only throw. */\n{header}")
    type_mods = " ".join(m for m in mods.split(",") if m in ("public", "protected", "static", "abstract", "final")
                         and not (m == "abstract" and in_interface))
    out.append(f"{type_mods} {java(generic)} {{\n")
    constants = [r[6].split(":")[0] for r in rows if r[0] == "field" and "enum-constant" in r[3]]
    if constants:
        out.append("    " + ",\n    ".join(constants) + ";\n\n")

    def selected(r):
        sig = r[2]
        name = sig.split("(")[0].split(":")[0]
        if "abstract" in r[3] and "has-default" not in r[3] and not call_only:
            return True
        if sig.split(":")[0] in wanted:
            return True
        return name in wanted and "deprecated" not in r[3]  # a deprecated overload only when named exactly

    for r in rows:
        if r[0] == "type" or "implicit" in r[3] or not selected(r):
            continue
        if r[0] == "field":
            text = field(r, in_interface)
        elif r[0] == "annotation-member":
            name, type_ = r[6].split(":", 1)
            name = name.replace("()", "")
            default = defaults.get(name)
            text = f"    {java(type_)} {name}(){' default ' + default if default else ''};\n"
        else:
            text = method(r, in_interface, simple)
        if text:
            out.append("\n" + text)
    out.append("}\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    args = sys.argv[1:]
    call_only = "--call-only" in args
    args = [a for a in args if a != "--call-only"]
    main(args[0], set(args[1:]), call_only)
