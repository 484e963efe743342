/** The AWS clients gantry uses, error translation into plain words, and shared helpers. */
package dev.gantry.aws;
