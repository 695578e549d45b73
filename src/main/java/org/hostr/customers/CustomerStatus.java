package org.hostr.customers;

/** ACTIVE customers log in; DELETED ones may come back within the retention window; BANNED ones may not. */
public enum CustomerStatus {
    ACTIVE, DELETED, BANNED
}
