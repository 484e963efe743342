/** Addresses, desired and observed resources, changes and plans; the pure planner. */
package dev.gantry.plan;
