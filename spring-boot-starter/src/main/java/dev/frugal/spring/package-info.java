/**
 * Spring Boot auto-configuration for Frugal: an {@link dev.frugal.core.Agent} built from {@code
 * frugal.*} properties, with the application's LangChain4j {@code @Tool} beans as its tools, its
 * run listeners (Micrometer meters when a {@code MeterRegistry} is present), per-user budgets
 * through {@link dev.frugal.core.budget.SharedBudgets} keyed by a {@link
 * dev.frugal.spring.FrugalScopeResolver}, and an actuator endpoint showing each scope's books (see
 * the README, "Spring Boot").
 */
package dev.frugal.spring;
