/**
 * Safe page fetching for agents: an HTTP(S) GET with timeouts, a size cap and SSRF protection
 * (checked after DNS and on every redirect), HTML turned into readable text, and the {@code open}
 * tool.
 */
package dev.frugal.tools.fetch;
