/**
 * The guard: the reconciler that runs in the user's account (an AWS Lambda function, or in-process
 * against the simulated AWS), its record of each run, and what is safe to repair without a person.
 * Core code: no terminal, no command line.
 */
package dev.gantry.guard;
