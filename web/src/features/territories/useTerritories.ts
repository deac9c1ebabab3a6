import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../app/api';
import type { Territory } from './types';

/** Territories are few (tens per region): one request, cached for the session. */
export function useTerritories() {
  return useQuery({
    queryKey: ['territories'],
    queryFn: ({ signal }) => api.get<Page<Territory>>('/api/territories', signal),
    staleTime: 5 * 60_000,
    select: (page) => page.items,
  });
}
