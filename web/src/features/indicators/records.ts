// Where a figure's records are: every numerator and denominator the dashboard shows opens the
// people or the records it counts — the coverage list of people over the dashboard, or the
// registry page filtered to the same territory or organization. Figures are mapped by the
// building block they count (common/indicators.ts), so a region's own computed indicator built
// from the same blocks links the same way.
import { queryString } from '../../app/api';
import type { IndicatorBlock } from '../../../../common/indicators';
import type { PeopleFilter } from '../coverage/CoveragePeopleDrawer';
import type { IndicatorDefinition, NodeKind } from './types';

/** The node a figure belongs to; `country` has no scope of its own. */
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
  /** those the indicator still misses (the denominator less the numerator), where a list says exactly that */
  gap: RecordsLink | null;
}

const scopeOf = (node: NodeRef) => (node.kind === 'organization' ? { organizationId: node.id } : node.kind === 'country' ? {} : { territoryId: node.id });

const people = (filter: PeopleFilter, title: string, year?: number): RecordsLink => ({ kind: 'people', filter, year, title });
const page = (to: string, title: string): RecordsLink => ({ kind: 'page', to, title });

/** The records of one building block for a node and period, or null where no list shows them. */
function blockLink(block: string, node: NodeRef, period: number): RecordsLink | null {
  const scope = scopeOf(node);
  const organizations = (title: string) => page(node.kind === 'organization' ? `/organizations/${node.id}` : `/organizations${queryString(scope)}`, title);
  switch (block as IndicatorBlock) {
    case 'staff':
      return people('all', 'Работники');
    case 'staff_pedagogical':
      return page(`/staff${queryString({ ...scope, staffCategory: 'pedagogical' })}`, 'Педагогические работники');
    case 'staff_managerial':
      return page(`/staff${queryString({ ...scope, staffCategory: 'managerial' })}`, 'Управленческие кадры');
    case 'diagnosed':
      return people('diagnosed', `Прошли диагностику в ${period} году`, period);
    case 'plan_on_diagnostic':
      return people('with_plan', `ИОМ согласован в ${period} году`, period);
    case 'federal_on_diagnostic':
      return people('completed_federal', 'Завершили программу федерального реестра');
    case 'young':
      return page(`/staff${queryString({ ...scope, youngSpecialist: 'true' })}`, 'Молодые специалисты');
    case 'young_supported':
      return page('/young-specialists?support=with', 'Молодые специалисты с сопровождением');
    case 'orgs':
      return organizations('Образовательные организации');
    case 'orgs_mentoring_model':
      return page('/mentoring', 'Наставничество');
    case 'events_held':
    case 'event_participants':
      return page('/events', 'Календарь мероприятий');
    case 'agreements':
      return page('/documents', 'Документы');
    case 'practices_published':
      return page('/practices', 'Банк практик');
    default:
      return null;
  }
}

/** Lists of exactly those a share misses: numerator block → its complement within the denominator. */
function gapLink(numerator: string, denominator: string | null, period: number): RecordsLink | null {
  if (numerator === 'diagnosed' && denominator === 'staff') return people('no_diagnostic', `Без диагностики в ${period} году`, period);
  if (numerator === 'young_supported' && denominator === 'young') return page('/young-specialists?support=without', 'Молодые специалисты без сопровождения');
  return null;
}

export function figureLinks(indicator: Pick<IndicatorDefinition, 'rule'>, node: NodeRef, period: number): FigureLinks {
  const { numerator, denominator } = indicator.rule;
  return {
    numerator: blockLink(numerator, node, period),
    denominator: denominator ? blockLink(denominator, node, period) : null,
    gap: gapLink(numerator, denominator, period),
  };
}
