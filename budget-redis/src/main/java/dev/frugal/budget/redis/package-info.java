/**
 * Shared budget scopes kept in Redis: {@link dev.frugal.budget.redis.RedisBudgetStore}, the {@link
 * dev.frugal.core.budget.BudgetStore} for runs spread over many processes and machines.
 *
 * <p>Its own module because agent-core depends only on langchain4j-core, Jackson and slf4j: a Redis
 * client (Jedis) is a dependency only users who share budgets across processes should carry. The
 * arrow points toward agent-core, as for every other module.
 */
package dev.frugal.budget.redis;
