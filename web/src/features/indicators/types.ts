// The indicators API's answers, from the server's own response schemas (type-only imports).
import type { IndicatorDefinitionDto, IndicatorTrendDto, IndicatorValuesDto } from '../../../../server/modules/indicators/indicators.api';

export type IndicatorDefinition = IndicatorDefinitionDto;
export type IndicatorValues = IndicatorValuesDto;
export type IndicatorTrend = IndicatorTrendDto;
export type NodeValues = IndicatorValues['children'][number];
export type NodeKind = NodeValues['kind'];
export type IndicatorValue = NodeValues['values'][string];
export type { IndicatorStatus } from '../../../../common/indicators';
