/** Today in the server's calendar (YYYY-MM-DD): the date statuses and deadlines are computed for. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** «25.07.2021» from «2021-07-25». */
export const ruDate = (iso: string) => iso.split('-').reverse().join('.');
