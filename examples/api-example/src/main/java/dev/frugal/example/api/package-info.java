/**
 * A user's program in miniature: a ReAct agent, a BATS agent, a small/large routed pair and a typed
 * answer, built from Frugal's public API against any OpenAI-compatible server (in the tests, a fake
 * one on 127.0.0.1).
 */
package dev.frugal.example.api;
