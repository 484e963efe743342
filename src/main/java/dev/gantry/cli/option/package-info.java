/**
 * The option mixins the commands share (the global options, -f, --output, --service, apply's and
 * destroy's run options) and the checks of their values made before anything is built.
 */
package dev.gantry.cli.option;
