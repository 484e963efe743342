/**
 * The compute resources: log group, SecureString parameters, IAM roles, ECS cluster, task
 * definition, service (which watches its own rollout) and autoscaling; and how a spec expands
 * into them.
 */
package dev.gantry.resources.compute;
