/**
 * Drafting a learning plan from a person's latest scores: pure, so the ranking can be tested over
 * random inputs (ADR 0012).
 *
 * Targets: every deficit (score under the threshold), most severe first (largest gap), then the
 * «growth zone» (at or just above the threshold). For each target the options are: programmes
 * addressing it (federal registry first, then by fit, fewer hours and the earlier next cohort), an
 * internship, a mentor, a methodological association and self-education. A programme addressing
 * several targets is suggested once, at the place of its most severe one. Suggestions that address
 * a deficit always come before those that only develop a competency without one.
 */

import { ruDate } from '../../lib/dates.js';
import { isDeficit } from '../../../common/deficit.js';
import type { itemForms, itemKinds } from './learning-plans.schema.js';

export type ItemForm = (typeof itemForms)[number];
export type ItemKind = (typeof itemKinds)[number];

/** A score at or above the threshold but within this margin is in the growth zone. */
export const GROWTH_MARGIN = 10;
/** A colleague this far above the threshold can mentor in the competency. */
export const MENTOR_MARGIN = 15;
const PROGRAMS_PER_TARGET = 3;

export interface Score {
  competencyId: string;
  code: string;
  name: string;
  score: number;
  threshold: number;
  measuredOn: string;
  assessmentId: string;
  assessmentTitle: string;
}

export interface ProgramOption {
  id: string;
  title: string;
  hours: number;
  format: 'in_person' | 'distance' | 'blended';
  providerName: string;
  inFederalRegistry: boolean;
  registryNumber: string | null;
  audienceCategory: 'all' | 'pedagogical' | 'managerial';
  subjects: string[];
  competencyIds: string[];
  nextCohort: { id: string; startsOn: string; endsOn: string; seatsLeft: number } | null;
}

export interface SuggestInput {
  today: string;
  person: { staffCategory: 'pedagogical' | 'managerial' | null; subjects: string[] };
  scores: Score[];
  programs: ProgramOption[];
  /** Colleagues strong in a competency, best first. */
  mentors: { competencyId: string; staffId: string; fullName: string; organizationName: string; score: number }[];
  /** Internship sites, nearest first. */
  internshipSites: { organizationId: string; name: string }[];
  /** Who hosts the municipal methodological associations (the methodological service). */
  associationHost: { organizationId: string; name: string } | null;
}

export interface Suggestion {
  rank: number;
  form: ItemForm;
  kind: ItemKind;
  title: string;
  /** The targets it addresses in target order: the first, most severe, is its lead. */
  competencyIds: string[];
  addressesDeficit: boolean;
  explanation: string;
  programId: string | null;
  cohortId: string | null;
  organizationId: string | null;
  mentorStaffId: string | null;
  hours: number | null;
  inFederalRegistry: boolean;
  deadline: string;
  expectedResult: string;
  /** The default pick: the best option of each target. */
  recommended: boolean;
}

export interface Target extends Score {
  deficit: boolean;
  gap: number;
}

const inGrowthZone = (s: Pick<Score, 'score' | 'threshold'>) => !isDeficit(s.score, s.threshold) && s.score < s.threshold + GROWTH_MARGIN;

/** Deficits by gap (largest first), then growth-zone competencies by closeness to the threshold. */
export function targetsOf(scores: Score[]): Target[] {
  const withGap = scores.map((s) => ({ ...s, deficit: isDeficit(s.score, s.threshold), gap: s.threshold - s.score }));
  const byGap = (a: Target, b: Target) => b.gap - a.gap || a.code.localeCompare(b.code);
  return [...withGap.filter((t) => t.deficit).sort(byGap), ...withGap.filter((t) => !t.deficit && inGrowthZone(t)).sort(byGap)];
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return date.toISOString().slice(0, 10);
}

const percent = (n: number) => `${String(Math.round(n * 10) / 10).replace('.', ',')} %`;

/** «закрывает дефицит МТ.01 «Проектирование учебного занятия» (45 % при пороге 60 %)». */
function reason(targets: Target[]): string {
  const deficits = targets.filter((t) => t.deficit);
  const growth = targets.filter((t) => !t.deficit);
  const name = (t: Target) => `${t.code} «${t.name}» (${percent(t.score)} при пороге ${percent(t.threshold)})`;
  const parts: string[] = [];
  if (deficits.length) parts.push(`${deficits.length > 1 ? 'закрывает дефициты' : 'закрывает дефицит'} ${deficits.map(name).join(', ')}`);
  if (growth.length) parts.push(`${deficits.length ? 'развивает' : 'развивает компетенцию, результат близок к порогу:'} ${growth.map(name).join(', ')}`);
  const text = parts.join('; ');
  return text[0].toUpperCase() + text.slice(1);
}

/** How well a programme fits the person beyond the lead target: other targets it covers, the
 *  audience category and the subjects. */
function fit(p: ProgramOption, input: SuggestInput, targetIds: Set<string>, deficitIds: Set<string>): number {
  const covered = p.competencyIds.filter((c) => deficitIds.has(c)).length * 2 + p.competencyIds.filter((c) => targetIds.has(c) && !deficitIds.has(c)).length;
  const audience = p.audienceCategory === 'all' || p.audienceCategory === input.person.staffCategory ? 1 : 0;
  const subject = !p.subjects.length || p.subjects.some((s) => input.person.subjects.includes(s)) ? 1 : 0;
  return covered + audience + subject;
}

/** Registry first, then fit, fewer hours, the earlier next cohort (none last), then title. */
export function compareProgramsFor(input: SuggestInput, targetIds: Set<string>, deficitIds: Set<string>) {
  return (a: ProgramOption, b: ProgramOption) =>
    Number(b.inFederalRegistry) - Number(a.inFederalRegistry) ||
    fit(b, input, targetIds, deficitIds) - fit(a, input, targetIds, deficitIds) ||
    a.hours - b.hours ||
    (a.nextCohort?.startsOn ?? '9999').localeCompare(b.nextCohort?.startsOn ?? '9999') ||
    a.title.localeCompare(b.title) ||
    a.id.localeCompare(b.id);
}

const formatNames = { in_person: 'очно', distance: 'дистанционно', blended: 'очно-дистанционно' } as const;

export function suggestItems(input: SuggestInput): Suggestion[] {
  const targets = targetsOf(input.scores);
  const targetIds = new Set(targets.map((t) => t.competencyId));
  const deficitIds = new Set(targets.filter((t) => t.deficit).map((t) => t.competencyId));
  const byId = new Map(targets.map((t) => [t.competencyId, t]));
  const order = new Map(targets.map((t, i) => [t.competencyId, i]));
  const compare = compareProgramsFor(input, targetIds, deficitIds);
  const suggested = new Set<string>();
  const out: Omit<Suggestion, 'rank'>[] = [];

  for (const target of targets) {
    const first = out.length;
    const lead = [target]; // non-formal options address their target alone
    const programs = input.programs
      .filter((p) => p.competencyIds.includes(target.competencyId) && !suggested.has(p.id))
      .sort(compare)
      .slice(0, PROGRAMS_PER_TARGET);
    for (const p of programs) {
      suggested.add(p.id);
      // led by the target it is suggested for (so each target's courses stay registry-first in
      // its own section), then the other targets it also addresses, most severe first
      const addressed = [
        target,
        ...p.competencyIds
          .filter((c) => targetIds.has(c) && c !== target.competencyId)
          .sort((a, b) => order.get(a)! - order.get(b)!)
          .map((c) => byId.get(c)!),
      ];
      const cohort = p.nextCohort;
      const where = [
        `${p.hours} ч, ${formatNames[p.format]}`,
        p.inFederalRegistry ? `федеральный реестр${p.registryNumber ? ` № ${p.registryNumber}` : ''}` : null,
        cohort ? `ближайшая группа с ${ruDate(cohort.startsOn)}` : 'группа не набрана',
      ].filter(Boolean);
      out.push({
        form: 'formal',
        kind: 'course',
        title: `${p.hours >= 250 ? 'Профессиональная переподготовка' : 'Курсы повышения квалификации'}: «${p.title}» (${p.providerName})`,
        competencyIds: addressed.map((t) => t.competencyId),
        addressesDeficit: addressed.some((t) => t.deficit),
        explanation: `${reason(addressed)}. ${where.join('; ')}.`,
        programId: p.id,
        cohortId: cohort?.id ?? null,
        organizationId: null,
        mentorStaffId: null,
        hours: p.hours,
        inFederalRegistry: p.inFederalRegistry,
        deadline: cohort?.endsOn ?? addMonths(input.today, 6),
        expectedResult: 'Удостоверение о повышении квалификации; освоенное применяется на уроках (занятиях)',
        recommended: false,
      });
    }
    const nonFormal = (o: Pick<Suggestion, 'form' | 'kind' | 'title' | 'organizationId' | 'mentorStaffId' | 'expectedResult'>, months: number, note = '') =>
      out.push({
        ...o,
        competencyIds: lead.map((t) => t.competencyId),
        addressesDeficit: target.deficit,
        explanation: `${reason(lead)}${note}.`,
        programId: null,
        cohortId: null,
        hours: null,
        inFederalRegistry: false,
        deadline: addMonths(input.today, months),
        recommended: false,
      });
    const site = input.internshipSites[0];
    if (site) {
      nonFormal(
        { form: 'non_formal', kind: 'internship', title: `Стажировка на стажировочной площадке ${site.name} по теме «${target.name}»`, organizationId: site.organizationId, mentorStaffId: null, expectedResult: 'Отчёт о стажировке; разработанное с опорой на опыт площадки учебное занятие' },
        4,
      );
    }
    const mentor = input.mentors.find((m) => m.competencyId === target.competencyId);
    if (mentor) {
      nonFormal(
        { form: 'informal', kind: 'mentoring', title: `Наставничество: ${mentor.fullName} (${mentor.organizationName}) — «${target.name}»`, organizationId: null, mentorStaffId: mentor.staffId, expectedResult: 'Посещённые и проанализированные занятия наставника, совместно разработанное занятие' },
        6,
        `; наставник показал ${percent(mentor.score)} по этой компетенции`,
      );
    }
    if (input.associationHost) {
      nonFormal(
        { form: 'non_formal', kind: 'association', title: `Участие в работе муниципального методического объединения (${input.associationHost.name}) по теме «${target.name}»`, organizationId: input.associationHost.organizationId, mentorStaffId: null, expectedResult: 'Выступление на заседании методического объединения с опытом применения' },
        6,
      );
    }
    nonFormal(
      { form: 'informal', kind: 'self_education', title: `Самообразование по теме «${target.name}»`, organizationId: null, mentorStaffId: null, expectedResult: 'Изученные материалы и их применение на уроках (занятиях), записи в портфолио' },
      6,
    );
    // the default pick: the best option led by this target (self-education at the latest)
    out.slice(first).find((o) => o.competencyIds[0] === target.competencyId)!.recommended = true;
  }

  // deficits first, then the growth zone: the loop walks targets in that order, but a programme
  // found under a growth-zone target may also address a deficit outside that deficit's top picks
  const ranked = [...out.filter((s) => s.addressesDeficit), ...out.filter((s) => !s.addressesDeficit)];
  return ranked.map((s, i) => ({ ...s, rank: i + 1 }));
}
