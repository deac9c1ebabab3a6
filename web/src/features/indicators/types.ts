// The indicators API as the dashboard reads it. Until the server's response schemas exist these
// restate CONTRACT.md; they then become type-only imports from indicators.api.ts (as
// territories/types.ts does), and nothing else in the feature changes.

export interface IndicatorTarget {
  territoryId: string;
  year: number;
  value: number;
  inherited: boolean;
}

export interface IndicatorDefinition {
  id: string;
  code: string;
  number: string | null;
  name: string;
  unit: string;
  periodicity: string;
  kind: 'computed' | 'entered';
  rule: { numerator: string; denominator: string | null; factor: number };
  targets: IndicatorTarget[];
  responsibleOrganizationId: string | null;
  approvingAct: string | null;
  version: number;
  year: number;
}

export type IndicatorStatus = 'met' | 'below' | 'no_target' | 'no_data';

export interface IndicatorValue {
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  status: IndicatorStatus;
}

export type NodeKind = 'region' | 'municipality' | 'organization';

export interface NodeValues {
  id: string;
  name: string;
  kind: NodeKind;
  values: Record<string, IndicatorValue>;
}

export interface IndicatorValues {
  period: number;
  territory: { id: string; name: string; kind: 'region' | 'municipality' } | null;
  childKind: NodeKind;
  indicators: IndicatorDefinition[];
  total: NodeValues;
  children: NodeValues[];
}

export interface IndicatorTrend {
  items: { period: number; numerator: number; denominator: number | null; value: number | null; target: number | null }[];
}
