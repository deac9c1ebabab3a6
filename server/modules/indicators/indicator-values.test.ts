import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { indicatorValue, resolveTarget, ruleValue, statusOf } from './indicator-values.js';

describe('targets inherited downward', () => {
  const region = 'region', muni = 'muni', school = 'school';
  const chain = [school, muni, region];

  it('takes the region’s target for its municipalities and organizations unless they set their own', () => {
    const own = new Map([[region, 10]]);
    expect(resolveTarget(chain, own)).toEqual({ value: 10, from: region, inherited: true });
    expect(resolveTarget([muni, region], own)).toEqual({ value: 10, from: region, inherited: true });
    expect(resolveTarget([region], own)).toEqual({ value: 10, from: region, inherited: false });
  });

  it('prefers the nearest override: the municipality’s over the region’s, the organization’s over both', () => {
    expect(resolveTarget(chain, new Map([[region, 10], [muni, 15]]))).toEqual({ value: 15, from: muni, inherited: true });
    expect(resolveTarget(chain, new Map([[region, 10], [muni, 15], [school, 20]]))).toEqual({ value: 20, from: school, inherited: false });
    // an override of a sibling municipality does not reach this school
    expect(resolveTarget(chain, new Map([[region, 10], ['other-muni', 50]]))?.value).toBe(10);
  });

  it('has no target when nothing is set on the way up; a zero target is a target', () => {
    expect(resolveTarget(chain, new Map())).toBeNull();
    expect(resolveTarget(chain, new Map([[muni, 0]]))).toEqual({ value: 0, from: muni, inherited: true });
  });

  it('always answers the first node of the chain that has a target (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: 1, maxLength: 4 }), (set) => {
        const ids = set.map((_, i) => `n${i}`);
        const own = new Map(set.flatMap((v, i) => (v === undefined ? [] : [[ids[i], v] as [string, number]])));
        const first = set.findIndex((v) => v !== undefined);
        const got = resolveTarget(ids, own);
        if (first < 0) expect(got).toBeNull();
        else expect(got).toEqual({ value: set[first], from: ids[first], inherited: first > 0 });
      }),
    );
  });
});

describe('status colouring', () => {
  it('is met at or above the target and below under it', () => {
    expect(statusOf(10, 10)).toBe('met');
    expect(statusOf(10.1, 10)).toBe('met');
    expect(statusOf(9.9, 10)).toBe('below');
    expect(statusOf(0, 0)).toBe('met');
  });
  it('says when there is no target, and when there is nothing to compute from', () => {
    expect(statusOf(42, null)).toBe('no_target');
    expect(statusOf(null, 10)).toBe('no_data');
    expect(statusOf(null, null)).toBe('no_data');
  });
});

describe('the value of a rule', () => {
  it('is a share rounded to a tenth, none when the denominator is zero, the count itself without one', () => {
    expect(ruleValue(1, 3, 100)).toBe(33.3);
    expect(ruleValue(2, 3, 100)).toBe(66.7);
    expect(ruleValue(5, 0, 100)).toBeNull();
    expect(ruleValue(7, null, 1)).toBe(7);
    expect(indicatorValue(3, 10, 100, 30)).toEqual({ numerator: 3, denominator: 10, value: 30, target: 30, status: 'met' });
    expect(indicatorValue(0, 0, 100, 30)).toEqual({ numerator: 0, denominator: 0, value: null, target: 30, status: 'no_data' });
  });
});
