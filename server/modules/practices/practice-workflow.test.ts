import { describe, it, expect } from 'vitest';
import { nextStatus, reviewAverage, roundAverage } from './practice-workflow.js';

const full = { relevance: 5, novelty: 4, effectiveness: 5, reproducibility: 3, methodology: 4 };

describe('practice workflow', () => {
  it('moves through review, revision and decision', () => {
    expect(nextStatus('submitted', 'assign', true)).toBe('under_review');
    expect(nextStatus('submitted', 'assign', false)).toBe('submitted');
    expect(nextStatus('under_review', 'revise', true)).toBe('returned');
    expect(nextStatus('returned', 'resubmit', true)).toBe('under_review');
    expect(nextStatus('returned', 'resubmit', false)).toBe('submitted');
    expect(nextStatus('under_review', 'publish', true)).toBe('published');
    expect(nextStatus('under_review', 'reject', true)).toBe('rejected');
  });

  it('refuses actions out of turn', () => {
    expect(() => nextStatus('submitted', 'publish', true)).toThrow(/Подана/);
    expect(() => nextStatus('published', 'assign', true)).toThrow(/Опубликована/);
    expect(() => nextStatus('rejected', 'resubmit', true)).toThrow(/Отклонена/);
    expect(() => nextStatus('under_review', 'resubmit', true)).toThrow(/На экспертизе/);
  });

  it('averages an expert over the criteria and a round over the experts', () => {
    expect(reviewAverage(full)).toBe(4.2);
    expect(roundAverage([{ average: 4.2 }, { average: 3 }])).toBe(3.6);
    expect(roundAverage([])).toBeNull();
  });

  it('accepts only whole scores 0…5 for every criterion', () => {
    expect(() => reviewAverage({ ...full, novelty: 6 })).toThrow(/от 0 до 5/);
    expect(() => reviewAverage({ ...full, novelty: 2.5 })).toThrow();
    const { methodology: _m, ...partial } = full;
    expect(() => reviewAverage(partial)).toThrow();
  });
});
