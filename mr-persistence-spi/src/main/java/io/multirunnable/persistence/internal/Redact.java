package io.multirunnable.persistence.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Hides secrets in text we show: URLs, property maps. */
public final class Redact {
    /** Words that mark a setting as a credential, anywhere in its name, in any case (db.passwd, sslPassword, apiToken...). */
    private static final String SECRET_WORDS = "pass|pwd|secret|token|credential|api[_.-]?key|private[_.-]?key";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(?:" + SECRET_WORDS + ").*");
    private static final Pattern URL_PARAM = Pattern.compile("(?i)([?&;:][^=&;?:/]*(?:" + SECRET_WORDS + ")[^=&;]*=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@?;]+:)[^@/]*@");
    /** Oracle style {@code jdbc:oracle:thin:user/password@host}. */
    private static final Pattern URL_SLASH_USERINFO = Pattern.compile("(:[A-Za-z0-9_$.#-]+/)[^@/:?&;]*@");

    private Redact() {
    }

    /** The URL with any password parameter or user-info password replaced by {@code ***}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String s = URL_PARAM.matcher(url).replaceAll("$1***");
        s = URL_USERINFO.matcher(s).replaceAll("$1***@");
        return URL_SLASH_USERINFO.matcher(s).replaceAll("$1***@");
    }

    /** {@code true} for property names that look like credentials: they contain pass, pwd, secret, token, credential, api key or private key, in any case. */
    public static boolean isSecret(String key) {
        return SECRET_NAME.matcher(key).matches();
    }

    /** The map as text, secret values replaced by {@code ***}. */
    public static String properties(Map<?, ?> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(String.valueOf(k), isSecret(String.valueOf(k)) ? "***" : String.valueOf(v)));
        return out.toString();
    }
}
