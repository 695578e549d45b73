package org.hostr.config;

/** The value types a configuration key may have. */
enum ConfigType {
    STRING("a string"),
    INTEGER("an integer"),
    BOOLEAN("true or false"),
    STRING_LIST("a list of strings");

    final String description;

    ConfigType(String description) {
        this.description = description;
    }
}
