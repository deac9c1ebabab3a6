// Where a figure's records are: every numerator and denominator the dashboard shows opens the
// people or the records it counts — the coverage list of people over the dashboard, or the
// registry page already filtered to the same territory or organization.
import { queryString } from '../../app/api';
import type { PeopleFilter } from '../coverage/CoveragePeopleDrawer';
import type { NodeKind } from './types';

/** The node a figure belongs to. */
export interface NodeRef {
  id: string;
  name: string;
  kind: NodeKind;
}

export type RecordsLink =
  /** the people behind the figure, in the drawer over the dashboard */
  | { kind: 'people'; filter: PeopleFilter; year?: number; title: string }
  /** another page of the product, filtered */
  | { kind: 'page'; to: string; title: string };

export interface FigureLinks {
  numerator: RecordsLink | null;
  denominator: RecordsLink | null;
  /** those the indicator still misses (the denominator less the numerator), when a list says it exactly */
  gap: RecordsLink | null;
}

const scopeOf = (node: NodeRef) => (node.kind === 'organization' ? { organizationId: node.id } : { territoryId: node.id });

const people = (filter: PeopleFilter, title: string, year?: number): RecordsLink => ({ kind: 'people', filter, year, title });
const page = (to: string, title: string): RecordsLink => ({ kind: 'page', to, title });

/** The organizations a figure counts: the organization's card, or the territory's list. */
const organizationsOf = (node: NodeRef, title: string) =>
  page(node.kind === 'organization' ? `/organizations/${node.id}` : `/organizations${queryString({ territoryId: node.id })}`, title);

const none: FigureLinks = { numerator: null, denominator: null, gap: null };

/** The shipped indicators by code (docs/indicators.md); a region's own indicator has no
 *  records list of its own and shows plain figures. */
export function figureLinks(code: string, node: NodeRef, period: number): FigureLinks {
  const all = people('all', 'Все работники');
  switch (code) {
    case 'diagnosed':
      return {
        numerator: people('diagnosed', `Прошли диагностику в ${period} году`, period),
        denominator: all,
        gap: people('no_diagnostic', `Без диагностики в ${period} году`, period),
      };
    case 'learning_plan':
      return { numerator: people('with_plan', `ИОМ согласован в ${period} году`, period), denominator: all, gap: null };
    case 'federal_registry':
      return { numerator: people('completed_federal', 'Завершили программу федерального реестра'), denominator: all, gap: null };
    case 'young_specialists_supported':
      return {
        numerator: page('/young-specialists?support=with', 'Молодые специалисты с сопровождением'),
        denominator: page(`/staff${queryString({ youngSpecialist: 'true', ...scopeOf(node) })}`, 'Молодые специалисты'),
        gap: page('/young-specialists?support=without', 'Молодые специалисты без сопровождения'),
      };
    case 'management_quality':
    case 'mentoring_model':
      return { numerator: null, denominator: organizationsOf(node, 'Организации'), gap: null };
    default:
      return countLinks(code, node) ?? none;
  }
}

/** The shipped counts: events, agreements, practices, courses. */
function countLinks(code: string, node: NodeRef): FigureLinks | null {
  const only = (link: RecordsLink): FigureLinks => ({ numerator: link, denominator: null, gap: null });
  if (code.includes('event') || code.includes('participant')) return only(page('/events', 'Календарь мероприятий'));
  if (code.includes('agreement')) return only(page('/documents', 'Документы'));
  if (code.includes('practice')) return only(page('/practices', 'Банк практик'));
  if (code.includes('course') || code.includes('enrollment')) return only(page(`/staff${queryString(scopeOf(node))}`, 'Работники'));
  return null;
}
