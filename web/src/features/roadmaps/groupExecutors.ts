// One document wording («МОУО») may stand for many organizations (each municipality's
// authority): the UI shows and edits executors grouped by that wording.
export interface ExecutorLike {
  text: string;
  organizationId: string | null;
  organizationName: string | null;
  kinds: string[];
}

export interface ExecutorGroup<E extends ExecutorLike> {
  text: string;
  items: E[];
  /** The linked organizations of this wording. */
  linked: E[];
  /** The kinds of a group executor («ОО»), when nothing is linked. */
  kinds: string[];
}

export function groupExecutors<E extends ExecutorLike>(list: E[]): ExecutorGroup<E>[] {
  const groups = new Map<string, E[]>();
  for (const e of list) groups.set(e.text, [...(groups.get(e.text) ?? []), e]);
  return [...groups].map(([text, items]) => ({
    text,
    items,
    linked: items.filter((e) => e.organizationId),
    kinds: items.find((e) => !e.organizationId && e.kinds.length)?.kinds ?? [],
  }));
}
