/**
 * The tool SPI: a {@link dev.frugal.core.tool.Tool} has a LangChain4j {@code ToolSpecification}, a
 * {@link dev.frugal.core.tool.UnitRule} that says what a call costs in units, and an execute
 * method. {@link dev.frugal.core.tool.ToolRegistry} gathers tools from code,
 * {@code @Tool}-annotated objects and {@link java.util.ServiceLoader} plug-ins, and validates
 * arguments against the schema.
 */
package dev.frugal.core.tool;
