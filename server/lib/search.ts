/** Escapes LIKE wildcards so a user's text is searched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Splits a search string into lowercase words («Иванова  мария» → ['иванова', 'мария']). */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 5);
}
