/**
 * Per-step SMALL/LARGE model routing (baselines, boundary-guided training, BoPO, the hard-budget
 * mask) and the small DJL policy networks shared by the project. Arrives with the router issue;
 * empty until then.
 */
package dev.frugal.router;
