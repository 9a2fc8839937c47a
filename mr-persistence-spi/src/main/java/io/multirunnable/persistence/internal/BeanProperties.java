package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.DatabaseException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The readable properties of a record (components) or JavaBean (public getters), cached per class. */
public final class BeanProperties {
    private static final ClassValue<BeanProperties> CACHE = new ClassValue<>() {
        @Override
        protected BeanProperties computeValue(Class<?> type) {
            return new BeanProperties(type);
        }
    };

    private final Class<?> type;
    private final Map<String, Method> getters;
    private final RuntimeException problem;

    private BeanProperties(Class<?> type) {
        this.type = type;
        Map<String, Method> found = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                found.put(rc.getName(), rc.getAccessor());
            }
        } else {
            for (Method m : type.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class
                        || m.getReturnType() == void.class) {
                    continue;
                }
                String n = m.getName();
                if (n.startsWith("get") && n.length() > 3) {
                    found.putIfAbsent(decapitalize(n.substring(3)), m);
                } else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class
                        || m.getReturnType() == Boolean.class)) {
                    found.putIfAbsent(decapitalize(n.substring(2)), m);
                }
            }
        }
        RuntimeException p = null;
        if (found.isEmpty()) {
            p = new IllegalArgumentException("cannot take parameters from " + type.getName() + ": it is neither a record, "
                    + "a Map nor a JavaBean with public getters (getX()/isX()); pass Params.of(name, value) instead");
        } else {
            for (Method m : found.values()) {
                Class<?> decl = m.getDeclaringClass();
                boolean accessible = Modifier.isPublic(m.getModifiers()) && Modifier.isPublic(decl.getModifiers())
                        && decl.getModule().isExported(decl.getPackageName(), BeanProperties.class.getModule());
                if (!accessible && !m.trySetAccessible()) {
                    p = new IllegalArgumentException("cannot read the properties of " + type.getName() + ": they are not "
                            + "accessible to module io.multirunnable.persistence; make the class public in an exported "
                            + "package, or open its package to io.multirunnable.persistence");
                    break;
                }
            }
        }
        this.getters = Collections.unmodifiableMap(found);
        this.problem = p;
    }

    private static String decapitalize(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1)) && Character.isUpperCase(s.charAt(0))) {
            return s; // URL stays URL, as java.beans.Introspector does
        }
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /**
     * The properties of {@code type}.
     *
     * @throws IllegalArgumentException if it has none, or they are not accessible
     */
    public static BeanProperties of(Class<?> type) {
        BeanProperties p = CACHE.get(type);
        if (p.problem != null) {
            throw p.problem;
        }
        return p;
    }

    /** {@code true} if a property called {@code name} exists. */
    public boolean has(String name) {
        return getters.containsKey(name);
    }

    /** The property names, records in component order. */
    public Set<String> names() {
        return getters.keySet();
    }

    /** Calls the getter of {@code name} on {@code bean}. */
    public Object read(Object bean, String name) {
        Method m = getters.get(name);
        try {
            return m.invoke(bean);
        } catch (InvocationTargetException e) {
            throw new DatabaseException("reading parameter '" + name + "' from " + type.getSimpleName() + "." + m.getName()
                    + "() failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot read " + type.getName() + "." + m.getName() + "(): not accessible to "
                    + "module io.multirunnable.persistence; open its package to it", e);
        }
    }
}
