/** Refresh, plan, execute, lock and cancel; events for whichever view is listening. */
package dev.gantry.engine;
