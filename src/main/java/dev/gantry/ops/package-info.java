/**
 * Day-two operations on a deployed app, without any UI: gathering its status (health, rollout,
 * cost, drift), reading its container logs, and changing a managed secret followed by a watched
 * redeployment. The commands in {@code dev.gantry.cli.command} show what these return, through
 * the renderers in {@code dev.gantry.ui}.
 */
package dev.gantry.ops;
