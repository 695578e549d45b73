package org.hostr;

public final class Main {
    public static void main(String[] args) {
    }
}
