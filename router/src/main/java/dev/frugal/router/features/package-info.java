/**
 * What the router sees at each model call: a fixed, versioned feature vector computed from the run
 * state alone (step, purpose, remaining budget, tool outcomes, the question's shape).
 */
package dev.frugal.router.features;
