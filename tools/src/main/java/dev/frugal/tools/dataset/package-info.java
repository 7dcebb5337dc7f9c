/**
 * Multi-hop question-answering datasets for the testbed: questions, gold answers and supporting
 * paragraphs loaded from JSONL files, and the standard HotpotQA answer scores (exact match, F1).
 */
package dev.frugal.tools.dataset;
