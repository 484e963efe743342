/** picocli commands, global options and exit codes. */
package dev.gantry.cli;
