/**
 * The memory module's own machinery, public only so that its packages (and the project's testbed)
 * can share it: Okapi BM25 scoring and the LOW-tier rule-based extractors (entities, dates,
 * topics). Not an API: it may change in any release, and no public signature outside this package
 * names one of its types.
 */
package dev.frugal.memory.internal;
