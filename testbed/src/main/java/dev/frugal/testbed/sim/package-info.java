/**
 * The testbed's simulated model (v3, docs/testbed.md "Testbed v3": every behavioural assumption is
 * a named parameter with a range and a source; each role reads its request for itself; only {@code
 * Comprehension} reads gold data, to simulate understanding and misreading of text in a role's
 * request and the declared memory draw): a policy simulator that plays an agent over a real corpus
 * through LangChain4j's {@code ChatModel}; it is a simulation, never a language model, and exists
 * to compare budget policies without a paid API.
 */
package dev.frugal.testbed.sim;
