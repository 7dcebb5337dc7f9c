/**
 * Plug-in tools from a folder of jars: each jar gets its own class loader and its {@code
 * ToolProvider}s are loaded through {@code ServiceLoader}; a broken jar is reported, not fatal.
 */
package dev.frugal.tools.plugin;
