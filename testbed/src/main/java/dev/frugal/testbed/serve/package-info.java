/**
 * The simulated models behind an OpenAI-compatible HTTP endpoint on 127.0.0.1 ({@code frugal sim
 * serve}), so that the bench's real-model path can be exercised end to end against them.
 */
package dev.frugal.testbed.serve;
