import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { progressReports } from './roadmaps.schema.js';
import { occurrenceStatusLabels } from '../../../common/dictionaries.js';
import { writeRoadmapDocx, writeRoadmapXlsx } from './roadmap-docx.js';
import type { ParsedActivity } from './roadmap-reader.js';
import { loadRoadmap, currentContent, auditPlace } from './roadmaps.service.js';
import { occurrencesOf } from './roadmap-execution.service.js';
import { summaryStatus, todayIso } from './roadmap-status.js';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const ru = (iso: string) => iso.split('-').reverse().join('.');

/**
 * The roadmap in the official appendix form: the approval stamp, the title and the table with the
 * source document's own column headers, so that an exported file reads back to the same activities.
 * XLSX may add execution columns (status, control dates with their statuses, number of reports).
 */
export async function exportRoadmap(db: Db, actor: Actor, id: string, format: 'docx' | 'xlsx', opts: { withStatus?: boolean } = {}) {
  const loaded = await loadRoadmap(db, actor, id);
  const { roadmap } = loaded;
  const content = await currentContent(db, id);
  const withStatus = format === 'xlsx' && opts.withStatus === true;
  const activityIds = content.flatMap((s) => s.activities.map((a) => a.id));
  const occurrences = withStatus ? await occurrencesOf(db, activityIds, todayIso()) : new Map();
  const reportCounts = withStatus ? await countReports(db, activityIds) : new Map<string, number>();

  const sections = content.map(({ section, activities }) => ({
    number: section.number,
    title: section.title,
    activities: activities.map((a): ParsedActivity => {
      const extra: Record<string, string> = { ...((a.extra as Record<string, string> | null) ?? {}) };
      if (withStatus) {
        const occ: { from: string; to: string; status: keyof typeof occurrenceStatusLabels }[] = occurrences.get(a.id) ?? [];
        const status = summaryStatus(occ.map((o) => o.status));
        extra['Статус исполнения'] = status ? occurrenceStatusLabels[status] : 'Без контрольных дат';
        extra['Контрольные даты'] = occ.map((o) => `${o.from === o.to ? ru(o.to) : `${ru(o.from)}–${ru(o.to)}`}: ${occurrenceStatusLabels[o.status].toLowerCase()}`).join('\n');
        extra['Отчётов об исполнении'] = String(reportCounts.get(a.id) ?? 0);
      }
      return {
        number: a.number,
        group: a.groupTitle,
        title: a.title,
        responsibleText: a.responsibleText,
        coExecutorsText: a.coExecutorsText,
        deadlineText: a.deadlineText,
        expectedResult: a.expectedResult,
        extra: Object.keys(extra).length ? extra : undefined,
      };
    }),
  }));
  const doc = { title: roadmap.title, approvedBy: roadmap.approvedBy, columns: roadmap.columns, sections };
  const data = format === 'docx' ? await writeRoadmapDocx(doc) : await writeRoadmapXlsx(doc);
  await recordAudit(db, actor, { action: 'roadmap.export', entity: 'roadmap', entityId: id, ...auditPlace(loaded), after: { format, withStatus } });
  return { data, mime: MIME[format], fileName: `${roadmap.title.slice(0, 100)}.${format}` };
}

async function countReports(db: Db, activityIds: string[]) {
  if (!activityIds.length) return new Map<string, number>();
  const rows = await db
    .select({ activityId: progressReports.activityId, n: sql<number>`count(*)::int` })
    .from(progressReports)
    .where(inArray(progressReports.activityId, activityIds))
    .groupBy(progressReports.activityId);
  return new Map(rows.map((r) => [r.activityId, r.n]));
}
