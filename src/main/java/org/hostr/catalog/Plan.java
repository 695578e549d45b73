package org.hostr.catalog;

/** A hosting plan: a cPanel package on WHM with its price per period. Money in minor units. */
public record Plan(long id, String slug, String name, String description, long storageMb, long bandwidthMb,
                   String whmPackage, long priceMinor, long setupMinor, String currency, BillingPeriod period,
                   boolean active, long sort) {
}
