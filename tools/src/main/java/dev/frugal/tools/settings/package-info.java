/**
 * Checks shared by the tools' validating builders (the page fetcher, the JSON API client, the
 * tool-result cache), so each setting is refused with the same message everywhere.
 */
package dev.frugal.tools.settings;
