import { describe, it, expect } from 'vitest';
import { calendarDeadline, nextCalendarStatus } from './event-calendars.service.js';

describe('annual calendar workflow', () => {
  const owner = { owner: true, approver: false };
  const approver = { owner: false, approver: true };
  const both = { owner: true, approver: true };

  it('goes draft → submitted → approved, or back to draft, by the right party', () => {
    expect(nextCalendarStatus('draft', 'submit', owner)).toBe('submitted');
    expect(nextCalendarStatus('submitted', 'approve', approver)).toBe('approved');
    expect(nextCalendarStatus('submitted', 'return', approver)).toBe('draft');
    expect(nextCalendarStatus('approved', 'reopen', both)).toBe('draft');
  });

  it('explains in Russian why a step is refused', () => {
    expect(nextCalendarStatus('draft', 'submit', approver)).toContain('организация, которая его формирует');
    expect(nextCalendarStatus('submitted', 'approve', owner)).toContain('орган управления образованием');
    expect(nextCalendarStatus('draft', 'approve', both)).toBe('Действие недоступно: календарь в статусе «Формируется»');
    expect(nextCalendarStatus('approved', 'submit', both)).toContain('«Утверждён»');
  });

  it('sets the deadline to 30 November of the year before', () => {
    expect(calendarDeadline(2027)).toBe('2026-11-30');
  });
});
