// The dashboard's requests. Values are computed on the server from the records at each request
// (no nightly batch), so a short cache only spares repeated clicks.
import { useQueries, useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { IndicatorTrend, IndicatorValues } from './types';

const fresh = 15_000;

export function useIndicatorValues(q: { territoryId?: string; period: number }, enabled = true) {
  return useQuery({
    queryKey: ['indicators', 'values', q.territoryId ?? null, q.period],
    queryFn: ({ signal }) => api.get<IndicatorValues>(`/api/indicators/values${queryString(q)}`, signal),
    staleTime: fresh,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface TrendPoint {
  period: number;
  value: number | null;
  target: number | null;
}

/** Years `to - count + 1 … to`. */
export const trendYears = (to: number, count = 5) => Array.from({ length: count }, (_, i) => to - count + 1 + i);

/** The trend of one indicator for a territory (the server's trend answer). */
export function useTerritoryTrend(code: string | undefined, territoryId: string | undefined, to: number, enabled = true) {
  const years = trendYears(to);
  return useQuery({
    queryKey: ['indicators', 'trend', code, territoryId ?? null, years[0], to],
    queryFn: ({ signal }) => api.get<IndicatorTrend>(`/api/indicators/${encodeURIComponent(code!)}/trend${queryString({ territoryId, from: years[0], to })}`, signal),
    staleTime: fresh,
    enabled: enabled && !!code,
    select: (t): TrendPoint[] => t.items.map(({ period, value, target }) => ({ period, value, target })),
  });
}

/** The trend of one indicator for an organization: its row among its municipality's
 *  organizations, year by year (the trend answer is per territory). */
export function useOrganizationTrend(code: string | undefined, municipalityId: string | undefined, organizationId: string | undefined, to: number) {
  const years = trendYears(to);
  const results = useQueries({
    queries: years.map((period) => ({
      queryKey: ['indicators', 'values', municipalityId ?? null, period],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<IndicatorValues>(`/api/indicators/values${queryString({ territoryId: municipalityId, period })}`, signal),
      staleTime: fresh,
      enabled: !!code && !!organizationId,
    })),
  });
  const error = results.find((r) => r.error)?.error ?? null;
  const done = results.every((r) => r.data);
  const data: TrendPoint[] | undefined = done
    ? results.map((r, i) => {
        const v = r.data!.children.find((c) => c.id === organizationId)?.values[code!];
        return { period: years[i], value: v?.value ?? null, target: v?.target ?? null };
      })
    : undefined;
  return { data, error, refetch: () => results.forEach((r) => void r.refetch()) };
}

/** Names of the indicators in force in a year, by code: recommendations name their basis with them.
 *  The current year's passports name codes of any year well enough for a label. */
export function useIndicatorNames(year = new Date().getFullYear()) {
  const q = useQuery({
    queryKey: ['indicators', 'definitions', year],
    queryFn: ({ signal }) => api.get<{ items: { code: string; name: string }[] }>(`/api/indicators?year=${year}`, signal),
    staleTime: 10 * 60_000,
    retry: false,
  });
  const names = new Map((q.data?.items ?? []).map((i) => [i.code, i.name]));
  return { ...q, nameOf: (code: string) => names.get(code) ?? code };
}
