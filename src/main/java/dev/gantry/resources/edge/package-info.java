/**
 * The edge of the app: the application load balancer, its target group and listeners, the TLS
 * certificate (requested and DNS-validated, or an existing one), the public hosted zone and the
 * alias record that points the app's name at the load balancer.
 */
package dev.gantry.resources.edge;
