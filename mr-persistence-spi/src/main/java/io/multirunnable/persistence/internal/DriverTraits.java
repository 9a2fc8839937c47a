package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.spi.DatabaseDriver;
import io.multirunnable.persistence.spi.GeneratedKeySupport;

/**
 * What the operator needs to know of a strategy's driver plugin: generated-key support and the
 * SQL quoting rules for {@code :name} parameters.
 *
 * @param keys the driver's generated-key support
 * @param sql  its quoting rules
 */
public record DriverTraits(GeneratedKeySupport keys, NamedSql.Dialect sql) {

    /**
     * The traits of the installed driver called {@code driverName}; a strategy whose driver is
     * not installed as a plugin (a custom strategy) gets the defaults of {@link DatabaseDriver}.
     */
    public static DriverTraits of(String driverName) {
        DatabaseDriver driver = null;
        try {
            driver = Drivers.byName(driverName);
        } catch (IllegalArgumentException notInstalled) {
            // a strategy not made by Database: standard SQL rules, keys asked of the driver
        }
        if (driver == null) {
            return new DriverTraits(GeneratedKeySupport.BATCH, new NamedSql.Dialect(false, null, driverName));
        }
        return new DriverTraits(driver.generatedKeySupport(), new NamedSql.Dialect(driver.backslashEscapesInStrings(),
                driver.literalQuestionMark().orElse(null), driver.name()));
    }
}
