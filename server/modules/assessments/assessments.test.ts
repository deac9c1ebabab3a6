import { describe, it, expect } from 'vitest';
import { assessmentStatus, isDeficit } from './assessments.service.js';

describe('assessment status and deficits', () => {
  const windows = [
    { from: '2026-02-01', to: '2026-03-31' },
    { from: '2026-09-01', to: '2026-11-30' },
  ];
  it('is planned before a window, open inside one, closed after the last', () => {
    expect(assessmentStatus(windows, '2026-01-15')).toBe('planned');
    expect(assessmentStatus(windows, '2026-02-01')).toBe('open');
    expect(assessmentStatus(windows, '2026-03-31')).toBe('open');
    expect(assessmentStatus(windows, '2026-06-01')).toBe('planned'); // the autumn window is ahead
    expect(assessmentStatus(windows, '2026-11-30')).toBe('open');
    expect(assessmentStatus(windows, '2026-12-01')).toBe('closed');
  });
  it('counts a score under the threshold as a deficit, not one equal to it', () => {
    expect(isDeficit(59.9, 60)).toBe(true);
    expect(isDeficit(60, 60)).toBe(false);
  });
});
