/**
 * Pictures of search trees recorded in traces (BAVT's tree notes): an SVG drawing, an HTML page
 * around it, and a plain-text outline.
 */
package dev.frugal.examples.tree;
