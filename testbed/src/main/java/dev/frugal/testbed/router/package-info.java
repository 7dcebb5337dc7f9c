/**
 * The router in the testbed: routed episodes over the simulated SMALL/LARGE pair, the training
 * split, the bundled default router, and the cost-success evaluation of routers and baselines.
 */
package dev.frugal.testbed.router;
