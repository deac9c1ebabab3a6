// Pure rules of indicator values (ADR 0024): the value from a rule, the target inherited downward,
// and the status colour. No database here, so they are unit-tested alone.

import type { IndicatorStatus } from '../../../common/indicators.js';

export interface IndicatorValue {
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  status: IndicatorStatus;
}

/** numerator / denominator × factor, rounded to a tenth; null when the denominator is zero.
 *  Without a denominator (a count) the value is numerator × factor. */
export function ruleValue(numerator: number, denominator: number | null, factor: number): number | null {
  if (denominator === null) return round1(numerator * factor);
  if (denominator === 0) return null;
  return round1((numerator / denominator) * factor);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** met when the value reaches the target (every shipped indicator is «not less than»). */
export function statusOf(value: number | null, target: number | null): IndicatorStatus {
  if (value === null) return 'no_data';
  if (target === null) return 'no_target';
  return value >= target ? 'met' : 'below';
}

/**
 * The target of a node: its own, else the nearest ancestor's. `chain` lists the node first, then
 * its ancestors upward (organization → municipality → region); `own` maps a node id to the target
 * set on it for the year.
 */
export function resolveTarget(chain: readonly string[], own: ReadonlyMap<string, number>): { value: number; from: string; inherited: boolean } | null {
  for (let i = 0; i < chain.length; i++) {
    const v = own.get(chain[i]);
    if (v !== undefined) return { value: v, from: chain[i], inherited: i > 0 };
  }
  return null;
}

export function indicatorValue(numerator: number, denominator: number | null, factor: number, target: number | null): IndicatorValue {
  const value = ruleValue(numerator, denominator, factor);
  return { numerator, denominator, value, target, status: statusOf(value, target) };
}
