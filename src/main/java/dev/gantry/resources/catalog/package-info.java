/** The assembly of the three resource groups: all types, and a spec expanded into desired resources. */
package dev.gantry.resources.catalog;
