/**
 * The memory testbed: HotpotQA items (their paragraphs as documents) and LoCoMo conversations (read
 * from a path given at run time, never copied into the project) answered through a {@link
 * dev.frugal.memory.Memory}, with SIMULATED models behind the MID/HIGH tiers and the answering
 * step. The simulation reads gold data only to simulate comprehension: {@link
 * dev.frugal.testbed.memory.Comprehension} is the only class that reads supporting labels, and only
 * for sentences present in the request a simulated model received; every output is text taken from
 * that request. The grader ({@link dev.frugal.testbed.memory.AnswerF1}) alone reads the gold
 * answers; {@link dev.frugal.testbed.memory.EvidenceRecall} measures, for the tables only, whether
 * the supporting sentences reached the retrieved chunks and the summary (nothing it finds reaches a
 * model). The baselines ({@link dev.frugal.testbed.memory.Baseline}: the whole history read in
 * full, or notes written per session at write time by a SIMULATED note writer that sees no question
 * and no gold) are priced like the tiers, the reader included ({@link
 * dev.frugal.testbed.memory.ReaderContext}).
 */
package dev.frugal.testbed.memory;
