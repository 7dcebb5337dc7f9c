/**
 * The testbed's simulated model: a policy simulator with a declared skill profile that plays an
 * agent over a real corpus through LangChain4j's {@code ChatModel}; it is a simulation, never a
 * language model, and exists to compare budget policies without a paid API.
 */
package dev.frugal.testbed.sim;
