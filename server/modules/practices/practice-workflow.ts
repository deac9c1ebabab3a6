import { AppError } from '../../lib/errors.js';
import { maxCriterionScore, practiceCriterionCodes, practiceStatuses, type PracticeStatus } from '../../../common/practices.js';

/**
 * The states of a practice (ADR 0018):
 *   submitted ──assign──▶ under_review ──publish──▶ published
 *                            │  ▲   └────reject───▶ rejected
 *                       revise  resubmit (experts kept, a new round)
 *                            ▼  │
 *                          returned
 * A resubmission without experts goes back to submitted; removing every expert from a practice
 * under review does the same.
 */
export type PracticeAction = 'assign' | 'resubmit' | 'publish' | 'revise' | 'reject';

const allowed: Record<PracticeAction, PracticeStatus[]> = {
  assign: ['submitted', 'under_review'],
  resubmit: ['returned'],
  publish: ['under_review'],
  revise: ['under_review'],
  reject: ['under_review'],
};

export function nextStatus(from: PracticeStatus, action: PracticeAction, hasExperts: boolean): PracticeStatus {
  if (!allowed[action].includes(from)) {
    throw new AppError(409, 'bad_status', `Действие недоступно: практика в состоянии «${practiceStatuses[from]}»`);
  }
  switch (action) {
    case 'assign':
    case 'resubmit':
      return hasExperts ? 'under_review' : 'submitted';
    case 'publish':
      return 'published';
    case 'revise':
      return 'returned';
    case 'reject':
      return 'rejected';
  }
}

/** One expert's mean over the criteria, two decimals. Scores are whole numbers 0…5. */
export function reviewAverage(scores: Record<string, number>): number {
  const values = practiceCriterionCodes.map((c) => scores[c]);
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > maxCriterionScore)) {
    throw new AppError(422, 'validation', `Оценка по критерию — целое число от 0 до ${maxCriterionScore}`);
  }
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

/** The round's score: the mean of the experts' means; null before the first review. */
export function roundAverage(reviews: { average: number }[]): number | null {
  if (!reviews.length) return null;
  return Math.round((reviews.reduce((a, r) => a + Number(r.average), 0) / reviews.length) * 100) / 100;
}
