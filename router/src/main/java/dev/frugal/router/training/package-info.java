/**
 * Boundary-guided training of the router (arXiv 2602.21227): boundary rollouts and the easy / hard
 * / intractable taxonomy, SFT label synthesis, supervised training, then BoPO fine-tuning.
 */
package dev.frugal.router.training;
