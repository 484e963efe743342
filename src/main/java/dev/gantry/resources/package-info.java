/** One handler per AWS resource kind, and the expansion of a spec into desired resources. */
package dev.gantry.resources;
