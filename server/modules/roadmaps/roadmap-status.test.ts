import { describe, it, expect } from 'vitest';
import { summaryStatus, statusOfRank, todayIso } from './roadmap-status.js';

describe('execution status', () => {
  it('an activity shows its most pressing control date', () => {
    expect(summaryStatus(['done', 'planned', 'overdue'])).toBe('overdue');
    expect(summaryStatus(['done', 'due_soon', 'planned'])).toBe('due_soon');
    expect(summaryStatus(['done', 'not_applicable'])).toBe('done');
    expect(summaryStatus(['not_applicable'])).toBe('not_applicable');
    expect(summaryStatus([])).toBeNull();
  });

  it('maps ranks back to names and formats the local date', () => {
    expect([1, 2, 3, 4, 5].map(statusOfRank)).toEqual(['overdue', 'due_soon', 'planned', 'done', 'not_applicable']);
    expect(statusOfRank(null)).toBeNull();
    expect(todayIso(new Date(2024, 1, 9, 23, 30))).toBe('2024-02-09');
  });
});
