/**
 * Small programs showing the Java API (and, as their issues land, the sample web-search agent CLI
 * and the benchmark harness).
 */
package dev.frugal.examples;
