/**
 * Token streaming: {@link dev.frugal.core.stream.StreamingModel} lets an agent call a LangChain4j
 * {@code StreamingChatModel} under the same reservations as a blocking model, and {@link
 * dev.frugal.core.stream.RunStreamHandler} receives a streamed run's answer tokens, its step events
 * and its result (see {@code Agent.runStreaming} and the README's "Streaming" section).
 */
package dev.frugal.core.stream;
