/**
 * The network a service runs in: availability zones, VPC, subnets, internet and NAT gateways,
 * route tables and security groups, for each of the spec's three network modes (a new VPC, the
 * account's default VPC, or an existing one).
 */
package dev.gantry.resources.network;
