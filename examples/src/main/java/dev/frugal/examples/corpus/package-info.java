/**
 * Small programs about the local corpus: how long the index takes to build and how much room each
 * dataset leaves a budget policy (how often the question alone retrieves the supporting
 * paragraphs).
 */
package dev.frugal.examples.corpus;
