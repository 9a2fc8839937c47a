package io.multirunnable.fao.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns a user's row (list, array, map, record) into the list of values a format writes. */
final class Rows {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] out = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                out[i] = components[i].getAccessor();
                out[i].trySetAccessible();
            }
            return out;
        }
    };

    private Rows() {
    }

    /** The header a row implies: map keys, record component names, or none. */
    static List<String> headerOf(Object row) {
        if (row instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object k : map.keySet()) {
                keys.add(String.valueOf(k));
            }
            return keys;
        }
        if (row != null && row.getClass().isRecord()) {
            return Arrays.stream(row.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
        }
        return List.of();
    }

    /** The row's values in column order, before padding. */
    static List<?> values(Object row, List<String> header, long index) {
        if (row instanceof List<?> list) {
            return list;
        }
        if (row instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (row instanceof Map<?, ?> map) {
            return mapValues(map, header, index);
        }
        if (row == null) {
            throw new IllegalArgumentException("row " + index + " of this save is null; rows must be List, Object[], Map<String, ?> or a record");
        }
        if (row.getClass().isRecord()) {
            return recordValues(row);
        }
        throw new IllegalArgumentException("row " + index + " of this save is a " + row.getClass().getTypeName()
                + "; rows must be List, Object[], Map<String, ?> or a record");
    }

    private static List<?> mapValues(Map<?, ?> map, List<String> header, long index) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("row " + index + " of this save is a Map but the output has no header; "
                    + "give a header to save or make the first row a Map");
        }
        List<Object> values = new ArrayList<>(header.size());
        int found = 0;
        for (String column : header) {
            Object v = map.get(column);
            if (v != null || map.containsKey(column)) {
                found++;
            }
            values.add(v);
        }
        if (found < map.size()) {
            for (Object key : map.keySet()) {
                if (!header.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException("row " + index + " of this save has key '" + key
                            + "' which is not a column of the output " + header);
                }
            }
        }
        return values;
    }

    private static List<?> recordValues(Object row) {
        Method[] accessors = ACCESSORS.get(row.getClass());
        Object[] values = new Object[accessors.length];
        for (int i = 0; i < accessors.length; i++) {
            try {
                values[i] = accessors[i].invoke(row);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("record " + row.getClass().getName() + " is not accessible to module "
                        + "io.multirunnable.fao: make it public in an exported package, or open its package to io.multirunnable.fao", e);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
        return Arrays.asList(values);
    }

    /**
     * {@code values} at exactly {@code width}: shorter rows padded with {@code null}, longer rows
     * refused.
     */
    static List<?> fit(List<?> values, int width, List<String> header, long index) {
        int size = values.size();
        if (size == width) {
            return values;
        }
        if (size > width) {
            throw new IllegalArgumentException("row " + index + " of this save has " + size + " values but the output has "
                    + width + " columns" + (header.isEmpty() ? " (set by its first row)" : " " + header)
                    + "; shorter rows are padded with empty values, longer rows are refused");
        }
        List<Object> padded = new ArrayList<>(width);
        padded.addAll(values);
        while (padded.size() < width) {
            padded.add(null);
        }
        return padded;
    }
}
