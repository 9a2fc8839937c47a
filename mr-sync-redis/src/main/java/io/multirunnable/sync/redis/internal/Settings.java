package io.multirunnable.sync.redis.internal;

import java.time.Duration;

/**
 * The checked configuration of one Redis connection.
 *
 * @param url            the Redis URL ({@code redis://} or {@code rediss://}), may contain a password
 * @param urlSource      where the URL came from, for error messages (e.g. "system property ...")
 * @param lease          how long a crashed holder keeps a lock or permit
 * @param connectTimeout the longest wait for a connection
 * @param keyPrefix      prefix of every Redis key
 */
public record Settings(String url, String urlSource, Duration lease, Duration connectTimeout, String keyPrefix) {

    /** The URL with any password replaced by {@code ***}: the only form that appears in messages and logs. */
    public String maskedUrl() {
        return mask(url);
    }

    /** {@code redis://user:secret@host:6379} becomes {@code redis://user:***@host:6379}; a lone user-info part is hidden whole. */
    public static String mask(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String kept = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return url.substring(0, scheme + 3) + kept + url.substring(at);
    }

    @Override
    public String toString() {
        return "Settings[url=" + maskedUrl() + ", lease=" + lease + ", connectTimeout=" + connectTimeout
                + ", keyPrefix=" + keyPrefix + "]";
    }
}
