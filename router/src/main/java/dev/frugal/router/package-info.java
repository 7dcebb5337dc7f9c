/**
 * Per-step SMALL/LARGE model routing: the {@link dev.frugal.router.RoutedSelector} with its
 * always-on hard-budget mask, the baseline policies and the learned (DJL) policy.
 */
package dev.frugal.router;
