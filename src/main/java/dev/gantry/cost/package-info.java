/** The monthly cost estimate of a spec and the dated price list behind it; shared by init and status. */
package dev.gantry.cost;
