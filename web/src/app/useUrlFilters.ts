// List filters live in the URL query, so a link (from the home page, a card, a colleague)
// opens the list already filtered, and Back returns to the previous filter.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out = {} as Record<K, string | undefined>;
    for (const k of keys) out[k] = params.get(k) ?? undefined;
    return out;
  }, [params, keys]);

  const setFilters = useCallback(
    (changes: Partial<Record<K, string | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes) as [K, string | undefined | null][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  /** Resets the given filters (all by default); the page's other query parameters stay. */
  const clear = useCallback(
    (only: readonly K[] = keys) => setFilters(Object.fromEntries(only.map((k) => [k, undefined])) as Partial<Record<K, undefined>>),
    [setFilters, keys],
  );
  /** Whether any of the given filters (all by default) is set. */
  const isActive = (only: readonly K[] = keys) => only.some((k) => filters[k] !== undefined);
  return { filters, setFilters, clear, isActive };
}
