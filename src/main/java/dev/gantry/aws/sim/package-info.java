/**
 * The simulated AWS: in-memory implementations of the SDK client interfaces, with AWS's rules
 * (async states, dependency violations, validation and permission errors), on injected time.
 */
package dev.gantry.aws.sim;
