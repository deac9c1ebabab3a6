// Labels and time formatting of the events calendar: times are shown in Moscow time (ADR 0017).
import { calendarStatuses, contestResults, contestStageLevels, eventFormats, eventKinds, eventLevels, registrationStatuses } from '../../../../common/events-dictionaries';

export { calendarStatuses, contestResults, contestStageLevels, eventFormats, eventKinds, eventLevels, registrationStatuses };

export const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

const mskDate = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit', year: 'numeric' });
const mskTime = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' });

/** «15.03.2027 10:00–12:30 (МСК)». */
export function eventWhen(startsAt: string, endsAt: string): string {
  const s = new Date(startsAt);
  const e = new Date(endsAt);
  const sameDay = mskDate.format(s) === mskDate.format(e);
  return sameDay ? `${mskDate.format(s)} ${mskTime.format(s)}–${mskTime.format(e)} (МСК)` : `${mskDate.format(s)} ${mskTime.format(s)} – ${mskDate.format(e)} ${mskTime.format(e)} (МСК)`;
}

/** The Moscow calendar day (YYYY-MM-DD) of an instant. */
export function mskDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export const mskTimeOf = (iso: string) => mskTime.format(new Date(iso));

/** A Moscow wall-clock date and time as ISO 8601 with the +03:00 offset. */
export const moscowIso = (date: string, time: string) => `${date}T${time}:00+03:00`;

export const levelColors: Record<string, string> = { regional: 'purple', municipal: 'blue', organization: 'green' };
export const calendarStatusColors: Record<string, string> = { draft: 'default', submitted: 'gold', approved: 'green' };
