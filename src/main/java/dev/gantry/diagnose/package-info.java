/** Watching an ECS rollout and explaining its failures in plain words. */
package dev.gantry.diagnose;
