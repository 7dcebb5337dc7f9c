package dev.frugal.core.trace;

/**
 * One event of a trace file with the number of the line it was read from (1-based), so that a
 * reader can name the line when an event does not make sense.
 *
 * @param number the line number in the file
 * @param event the event on that line
 */
public record TraceLine(int number, RunEvent event) {}
