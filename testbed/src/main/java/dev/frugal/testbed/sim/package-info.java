/**
 * The testbed's simulated model (v2, gold-blind: only {@code Comprehension} reads gold data, to
 * simulate understanding of text in the request): a policy simulator with a declared skill profile
 * that plays an agent over a real corpus through LangChain4j's {@code ChatModel}; it is a
 * simulation, never a language model, and exists to compare budget policies without a paid API.
 */
package dev.frugal.testbed.sim;
