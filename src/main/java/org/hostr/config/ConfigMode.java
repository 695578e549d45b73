package org.hostr.config;

/** What the configuration is loaded for; decides which secrets must be present. */
public enum ConfigMode {
    /** `serve` and `check-config`: every secret must be set. */
    SERVE,
    /** `migrate`: only the database matters. */
    MIGRATE,
    /** `demo`: the demo fills in what it needs itself. */
    DEMO
}
