/**
 * IAM policy documents as Dynamis reads them ({@link io.dynamis.core.policy.PolicyDocument}, with the
 * condition operators it knows, {@link io.dynamis.core.policy.ConditionOperators}): one parser shared by
 * item-service, which refuses at PutResourcePolicy (and CreateTable's {@code ResourcePolicy}) a document it
 * cannot read, and the gateway, which evaluates identity and resource-based policies in verify mode. So a
 * stored resource-based policy is always one the gateways can evaluate.
 */
package io.dynamis.core.policy;
