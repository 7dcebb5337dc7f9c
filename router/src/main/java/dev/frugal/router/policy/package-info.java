/**
 * Small neural policies on DJL's PyTorch engine, shared by the router and the memory tier router:
 * build, train (supervised and policy-gradient), save and load with their feature schema.
 */
package dev.frugal.router.policy;
