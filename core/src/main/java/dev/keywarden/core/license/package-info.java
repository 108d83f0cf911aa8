/** Licenses, their recoverable default keys and license files. */
package dev.keywarden.core.license;
