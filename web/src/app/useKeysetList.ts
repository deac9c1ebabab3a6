// Keyset paging of any list endpoint: pages are appended with «Показать ещё» by the server's
// nextCursor, so page N costs the server the same as page 1.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, queryString, type Page, type QueryValue } from './api';

export interface KeysetList<T> {
  items: T[];
  total: number | undefined;
  hasMore: boolean;
  loadMore: () => void;
  loading: boolean;
  loadingMore: boolean;
  /** True while a changed filter is being fetched and the old rows are still shown. */
  refreshing: boolean;
  error: Error | null;
  refetch: () => void;
}

export function useKeysetList<T>(url: string, filters: Record<string, QueryValue>, pageSize = 50, enabled = true): KeysetList<T> {
  const query = useInfiniteQuery({
    queryKey: [url, filters, pageSize],
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(url + queryString({ ...filters, limit: pageSize, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
  return {
    items: query.data?.pages.flatMap((p) => p.items) ?? [],
    total: query.data?.pages[0]?.total,
    hasMore: query.hasNextPage,
    loadMore: () => void query.fetchNextPage(),
    loading: query.isPending && enabled,
    loadingMore: query.isFetchingNextPage,
    refreshing: query.isPlaceholderData,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}
