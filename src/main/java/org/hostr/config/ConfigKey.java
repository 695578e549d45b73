package org.hostr.config;

/** One documented key of the configuration file: where it lives, what type it has, its default. */
record ConfigKey(String section, String name, ConfigType type, Object defaultValue) {

    /** The environment variable that overrides this key, e.g. HOSTR_STRIKE_API_KEY. */
    String envName() {
        return "HOSTR_" + section.toUpperCase() + "_" + name.toUpperCase();
    }

    String path() {
        return section + "." + name;
    }
}
