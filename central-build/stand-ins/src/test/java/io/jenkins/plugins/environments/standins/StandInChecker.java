package io.jenkins.plugins.environments.standins;

import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toMap;

import io.jenkins.plugins.environments.standins.SignatureIndex.AnnotationRow;
import io.jenkins.plugins.environments.standins.SignatureIndex.Row;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares stand-in classes, by reflection, with the rows of the real API in a {@link SignatureIndex}. Every problem
 * is one line, {@code type[#member] — reason}. Plain functions, so that they can be tried on hand-made rows.
 */
final class StandInChecker {
    private static final String DASH = " \u2014 ";
    /** The modifiers compared, in the order they are printed. */
    private static final List<String> MODIFIERS =
            List.of("public", "protected", "static", "abstract", "final", "default", "varargs", "has-default");

    private static final Set<String> RECORD_IMPLICIT =
            Set.of("toString():java.lang.String", "hashCode():int", "equals(java.lang.Object):boolean");
    private static final Set<String> UNCOMPARED_META =
            Set.of(Retention.class.getName(), Target.class.getName(), Deprecated.class.getName());
    /**
     * Meta-annotations of the real API that the stand-ins leave out on purpose, because the annotation type is not on
     * Maven Central. Each is listed with its reason in docs/architecture.md ("Differences from the real build").
     */
    static final Set<String> ABSENT_ON_CENTRAL = Set.of("org.jvnet.hudson.annotation_indexer.Indexed");

    /** A public or protected member of a stand-in, in the TSV's terms. */
    record StandInMember(String kind, String signature, List<String> modifiers, Set<String> checkedExceptions) {
        String key() {
            return kind + ' ' + signature;
        }
    }

    private StandInChecker() {}

    /** Declarations, members, modifiers, checked exceptions, {@code @Restricted}, meta-annotations. */
    static List<String> check(Collection<Class<?>> standIns, SignatureIndex real) {
        Set<String> supertypes = supertypeNames(standIns);
        List<String> problems = new ArrayList<>();
        for (Class<?> type : sorted(standIns)) {
            Row row = real.type(type.getName());
            if (row == null) {
                problems.add(type.getName() + DASH + "not in the real API");
            } else {
                checkType(type, row, real, problems);
                if (!supertypes.contains(type.getName())) {
                    restricted(problems, type.getName(), row);
                }
            }
        }
        return problems;
    }

    /**
     * The types that some stand-in names as its superclass or interface. Such a type has to exist for the declaration
     * to match, even where the real API restricts or deprecates it, so it is exempt from those two checks; the
     * plugin still may not use it by name (its members are checked as usual).
     */
    private static Set<String> supertypeNames(Collection<Class<?>> standIns) {
        Set<String> supertypes = new TreeSet<>();
        standIns.forEach(t -> Stream.concat(Stream.ofNullable(t.getSuperclass()), Arrays.stream(t.getInterfaces()))
                .forEach(s -> supertypes.add(s.getName())));
        return supertypes;
    }

    /**
     * Types and members that are deprecated in the real API. Exempt: abstract members, which {@link #check} demands,
     * and types that another stand-in names as its supertype.
     */
    static List<String> deprecatedUses(Collection<Class<?>> standIns, SignatureIndex real) {
        Set<String> supertypes = supertypeNames(standIns);
        List<String> problems = new ArrayList<>();
        for (Class<?> type : sorted(standIns)) {
            Row row = real.type(type.getName());
            if (row != null && row.has("deprecated") && !supertypes.contains(type.getName())) {
                problems.add(type.getName() + DASH + "deprecated in the real API");
            }
            for (StandInMember member : members(type).values()) {
                Row memberRow = real.member(type.getName(), member.key());
                if (memberRow != null && memberRow.has("deprecated") && !requiredAbstract(memberRow)) {
                    problems.add(type.getName() + '#' + member.signature() + DASH + "deprecated in the real API");
                }
            }
        }
        return problems;
    }

    /** Whether a class is API: not synthetic, anonymous or local, and public or protected like all its outer classes. */
    static boolean isApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (t.isSynthetic() || t.isAnonymousClass() || t.isLocalClass() || !visible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void checkType(Class<?> type, Row row, SignatureIndex real, List<String> problems) {
        String name = type.getName();
        differs(problems, name, "declarations", List.of(declaration(type)), List.of(row.signature()));
        List<String> compared = comparedTypeModifiers(type);
        List<String> modifiers = pick(modifiers(type.getModifiers()), compared);
        differs(problems, name, "modifiers", modifiers, pick(row.modifiers(), compared));
        if (type.isAnnotation()) {
            AnnotationRow meta = real.annotationType(name);
            List<String> realMeta = meta == null ? List.of("not in annotations.tsv") : metaAnnotations(meta);
            differs(problems, name, "meta-annotations", metaAnnotations(type), realMeta);
        }
        for (StandInMember member : members(type).values()) {
            String where = name + '#' + member.signature();
            Row memberRow = real.member(name, member.key());
            checkMember(where, member, memberRow, problems);
            if (memberRow != null && !implementsApi(type, member, real)) {
                restricted(problems, where, memberRow);
            }
        }
    }

    /**
     * Whether the member implements an abstract member of a supertype that the real API leaves open to plugins (as
     * {@code AdministrativeMonitor.getTarget()} implements {@code StaplerProxy.getTarget()}). Such a member must be
     * in the stand-in for a plugin's subclass to compile as it does against Jenkins, even where the real class
     * restricts its own declaration; the plugin reaches it through the open supertype.
     */
    private static boolean implementsApi(Class<?> type, StandInMember member, SignatureIndex real) {
        List<Class<?>> supertypes = new ArrayList<>();
        Stream.concat(Stream.ofNullable(type.getSuperclass()), Arrays.stream(type.getInterfaces()))
                .forEach(supertypes::add);
        for (int i = 0; i < supertypes.size(); i++) {
            Class<?> supertype = supertypes.get(i);
            Row row = real.member(supertype.getName(), member.key());
            if (row != null && requiredAbstract(row) && !row.annotations().contains("@org.kohsuke.accmod.Restricted")) {
                return true;
            }
            Stream.concat(Stream.ofNullable(supertype.getSuperclass()), Arrays.stream(supertype.getInterfaces()))
                    .forEach(supertypes::add);
        }
        return false;
    }

    /**
     * The real abstract members that a stand-in leaves out. Only types the plugin extends or implements must have
     * them all (else code that forgets one compiles only here); a type the plugin merely calls may declare just what
     * it calls. Checked for the plugin's own classes by the build-checks module.
     */
    static List<String> missingAbstractMembers(Class<?> type, SignatureIndex real) {
        Map<String, StandInMember> declared = members(type);
        List<String> problems = new ArrayList<>();
        for (Row realMember : real.members(type.getName())) {
            if (requiredAbstract(realMember) && !declared.containsKey(realMember.key())) {
                problems.add(type.getName() + '#' + realMember.signature() + DASH
                        + "abstract in the real API but not declared by the stand-in");
            }
        }
        return problems;
    }

    private static void checkMember(String where, StandInMember member, Row row, List<String> problems) {
        if (row == null) {
            problems.add(where + DASH + "not in the real API");
            return;
        }
        differs(problems, where, "modifiers", member.modifiers(), pick(row.modifiers(), MODIFIERS));
        differs(problems, where, "checked exceptions", member.checkedExceptions(), checked(row.exceptions()));
    }

    /** Declared public/protected members, keyed like the TSV; skips synthetic, bridge and records' implicit methods. */
    static Map<String, StandInMember> members(Class<?> type) {
        String methodKind = type.isAnnotation() ? "annotation-member" : "method";
        Stream<StandInMember> constructors = Arrays.stream(type.getDeclaredConstructors())
                .filter(StandInChecker::included)
                .map(c -> member("ctor", "<init>(" + names(constructorParameters(c)) + ")", c));
        Stream<StandInMember> methods = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> included(m) && !m.isBridge())
                .map(m -> member(
                        methodKind,
                        m.getName() + "(" + names(m.getParameterTypes()) + "):" + name(m.getReturnType()),
                        m))
                .filter(m -> !(type.isRecord() && RECORD_IMPLICIT.contains(m.signature())));
        Stream<StandInMember> fields = Arrays.stream(type.getDeclaredFields())
                .filter(StandInChecker::included)
                .map(f -> new StandInMember(
                        "field", f.getName() + ":" + name(f.getType()), modifiers(f.getModifiers()), Set.of()));
        return Stream.of(constructors, methods, fields)
                .flatMap(s -> s)
                .collect(toMap(StandInMember::key, m -> m, (a, b) -> a, TreeMap::new));
    }

    private static StandInMember member(String kind, String signature, Executable e) {
        List<String> modifiers = new ArrayList<>(modifiers(e.getModifiers()));
        if (e instanceof Method m && m.isDefault()) {
            modifiers.add("default");
        }
        if (e.isVarArgs()) {
            modifiers.add("varargs");
        }
        if (e instanceof Method m && m.getDeclaringClass().isAnnotation() && hasDefault(m)) {
            modifiers.add("has-default");
        }
        List<String> exceptions =
                Arrays.stream(e.getExceptionTypes()).map(Class::getName).toList();
        return new StandInMember(kind, signature, pick(modifiers, MODIFIERS), checked(exceptions));
    }

    /** The TSV's column 3 for a type: kind, simple name, erased type parameters, explicit supertypes. */
    static String declaration(Class<?> type) {
        String kind = kind(type);
        StringBuilder declaration = new StringBuilder(kind + ' ' + type.getSimpleName());
        if (type.getTypeParameters().length > 0) {
            declaration.append(Arrays.stream(type.getTypeParameters())
                    .map(v -> v.getName() + bounds(v))
                    .collect(joining(",", "<", ">")));
        }
        if (kind.equals("class") && type.getSuperclass() != Object.class) {
            declaration.append(" extends ").append(type.getSuperclass().getName());
        }
        if (!kind.equals("@interface") && type.getInterfaces().length > 0) {
            declaration
                    .append(kind.equals("interface") ? " extends " : " implements ")
                    .append(Arrays.stream(type.getInterfaces())
                            .map(Class::getName)
                            .collect(joining(",")));
        }
        return declaration.toString();
    }

    /** {@code class}, {@code interface}, {@code enum}, {@code record} or {@code @interface}. */
    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        return type.isInterface() ? "interface" : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
    }

    private static String bounds(TypeVariable<?> variable) {
        String bounds = Arrays.stream(variable.getBounds())
                .map(StandInChecker::erasure)
                .filter(b -> !b.equals("java.lang.Object"))
                .collect(joining("&"));
        return bounds.isEmpty() ? "" : " extends " + bounds;
    }

    private static String erasure(Type type) {
        return switch (type) {
            case Class<?> c -> c.getTypeName();
            case ParameterizedType p -> erasure(p.getRawType());
            case TypeVariable<?> v -> erasure(v.getBounds()[0]);
            case GenericArrayType a -> erasure(a.getGenericComponentType()) + "[]";
            default -> throw new IllegalArgumentException("cannot erase " + type);
        };
    }

    /** Access for every type, {@code static} for nested ones, {@code abstract} and {@code final} for classes only. */
    private static List<String> comparedTypeModifiers(Class<?> type) {
        List<String> compared = new ArrayList<>(List.of("public", "protected"));
        if (type.isMemberClass()) {
            compared.add("static");
        }
        if (kind(type).equals("class")) {
            compared.addAll(List.of("abstract", "final"));
        }
        return compared;
    }

    /** Retention, targets and the other runtime-visible meta-annotations of a stand-in annotation type. */
    private static List<String> metaAnnotations(Class<?> type) {
        Retention retention = type.getAnnotation(Retention.class);
        Target target = type.getAnnotation(Target.class);
        String targets = target == null
                ? "(default)"
                : Arrays.stream(target.value()).map(Enum::name).collect(joining(","));
        Stream<String> others = Arrays.stream(type.getDeclaredAnnotations())
                .map(a -> a.annotationType().getName());
        return meta(retention == null ? "CLASS" : retention.value().name(), targets, others);
    }

    /** The same from annotations.tsv. */
    private static List<String> metaAnnotations(AnnotationRow row) {
        Stream<String> others = row.metaAnnotations().stream()
                .filter(StandInChecker::visibleAtRuntime)
                .filter(name -> !ABSENT_ON_CENTRAL.contains(name));
        return meta(row.retention().replace("(default)", ""), row.targets(), others);
    }

    private static List<String> meta(String retention, String targets, Stream<String> metaAnnotations) {
        Stream<String> others = metaAnnotations.filter(name -> !UNCOMPARED_META.contains(name));
        return List.of("retention " + retention, "target " + sorted(Stream.of(targets.split(","))), sorted(others));
    }

    /** Whether reflection would show a meta-annotation; one that cannot be loaded counts as visible, thus required. */
    private static boolean visibleAtRuntime(String annotation) {
        Optional<Retention> retention = load(annotation).map(c -> c.getAnnotation(Retention.class));
        return retention.map(r -> r.value() == RetentionPolicy.RUNTIME).orElse(true);
    }

    private static Class<?>[] constructorParameters(Constructor<?> c) {
        Class<?>[] parameters = c.getParameterTypes();
        boolean inner = c.getDeclaringClass().isMemberClass()
                && !Modifier.isStatic(c.getDeclaringClass().getModifiers());
        return inner ? Arrays.copyOfRange(parameters, 1, parameters.length) : parameters; // drop the outer instance
    }

    private static List<String> modifiers(int modifiers) {
        return pick(List.of(Modifier.toString(modifiers).split(" ")), MODIFIERS);
    }

    /** The modifiers among {@code compared}, in {@link #MODIFIERS} order. */
    private static List<String> pick(Collection<String> modifiers, Collection<String> compared) {
        return MODIFIERS.stream()
                .filter(m -> modifiers.contains(m) && compared.contains(m))
                .toList();
    }

    private static boolean hasDefault(Method annotationMember) {
        try {
            return annotationMember.getDefaultValue() != null;
        } catch (RuntimeException | LinkageError e) {
            return true; // there is a default, its value just cannot be built here
        }
    }

    /** The checked ones among exception names; one that cannot be loaded counts as checked. */
    private static Set<String> checked(List<String> exceptions) {
        return exceptions.stream().filter(StandInChecker::isChecked).collect(toCollection(TreeSet::new));
    }

    private static boolean isChecked(String exception) {
        Optional<Class<?>> type = load(exception);
        return type.isEmpty()
                || !(RuntimeException.class.isAssignableFrom(type.get()) || Error.class.isAssignableFrom(type.get()));
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, StandInChecker.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static boolean requiredAbstract(Row row) {
        return row.has("abstract")
                && !row.has("has-default")
                && (row.kind().equals("method") || row.kind().equals("annotation-member"));
    }

    private static void restricted(List<String> problems, String where, Row row) {
        if (row.annotations().contains("@org.kohsuke.accmod.Restricted")) {
            problems.add(where + DASH + "@Restricted in the real API, plugins must not use it");
        }
    }

    private static void differs(
            List<String> problems, String where, String what, Collection<?> standIn, Collection<?> real) {
        if (!List.copyOf(standIn).equals(List.copyOf(real))) {
            problems.add(where + DASH + what + " differ: stand-in " + standIn + " real " + real);
        }
    }

    private static boolean included(Member member) {
        return !member.isSynthetic() && visible(member.getModifiers());
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String names(Class<?>[] types) {
        return Arrays.stream(types).map(StandInChecker::name).collect(joining(","));
    }

    /** A type as the TSV writes it: binary name, {@code []} for arrays. */
    private static String name(Class<?> type) {
        return type.getTypeName();
    }

    private static String sorted(Stream<String> names) {
        return names.sorted().collect(joining(", ", "[", "]"));
    }

    private static List<Class<?>> sorted(Collection<Class<?>> types) {
        return types.stream().sorted(Comparator.comparing(Class::getName)).toList();
    }
}
