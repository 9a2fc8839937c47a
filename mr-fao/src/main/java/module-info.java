/**
 * File access objects: many workers writing CSV and JSON files under saving strategies, zip, atomic output.
 */
module io.multirunnable.fao {
    requires transitive io.multirunnable.api;
}
