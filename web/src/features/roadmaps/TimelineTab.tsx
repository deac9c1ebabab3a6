// «График»: a Gantt-like view by section. Each control window is a bar over the months or years
// of the roadmap, coloured by its status; a red line marks today. Plain CSS, no chart library.
import { Empty, Flex, Select, Skeleton, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDate } from '../../app/format';
import { formatWindow, statusFill, statusLabels, yearsOf } from './labels';
import { useTimeline } from './queries';
import type { OccurrenceStatus, Roadmap, Timeline, TimelineActivity } from './types';

interface Props {
  roadmap: Roadmap;
  year: string | undefined;
  setYear: (year: string | undefined) => void;
}

const DAY = 86_400_000;

/** Maps dates of the shown range to percent of the track width. */
function scaleOf(t: Timeline) {
  const start = dayjs(t.from).valueOf();
  const span = dayjs(t.to).valueOf() + DAY - start;
  const at = (iso: string) => Math.min(100, Math.max(0, ((dayjs(iso).valueOf() - start) / span) * 100));
  const end = (iso: string) => Math.min(100, Math.max(0, ((dayjs(iso).valueOf() + DAY - start) / span) * 100));
  return { at, end };
}

/** Years across a multi-year roadmap, months within one year. */
function ticksOf(t: Timeline): { iso: string; label: string }[] {
  const from = dayjs(t.from);
  const to = dayjs(t.to);
  if (from.year() === to.year()) return Array.from({ length: 12 }, (_, m) => from.month(m).startOf('month')).map((d) => ({ iso: d.format('YYYY-MM-DD'), label: d.format('MMM') }));
  return yearsOf(from.year(), to.year()).map((y) => ({ iso: `${y}-01-01`, label: String(y) }));
}

function Bars({ a, scale }: { a: TimelineActivity; scale: ReturnType<typeof scaleOf> }) {
  return (
    <div className="rm-gantt-track">
      {a.occurrences.map((o) => {
        const left = scale.at(o.from);
        const label = `${formatWindow(o)}: ${statusLabels[o.status].toLowerCase()}`;
        return (
          <Tooltip key={o.id} title={label}>
            <div className="rm-gantt-bar" role="img" aria-label={label} style={{ left: `${left}%`, width: `${scale.end(o.to) - left}%`, background: statusFill[o.status] }} />
          </Tooltip>
        );
      })}
    </div>
  );
}

function Legend() {
  return (
    <Flex gap={16} wrap>
      {(Object.keys(statusFill) as OccurrenceStatus[]).map((s) => (
        <Flex key={s} gap={6} align="center">
          <span style={{ width: 14, height: 10, borderRadius: 2, background: statusFill[s], display: 'inline-block' }} />
          <Typography.Text type="secondary">{statusLabels[s]}</Typography.Text>
        </Flex>
      ))}
      <Flex gap={6} align="center">
        <span style={{ width: 2, height: 14, background: '#f5222d', display: 'inline-block' }} />
        <Typography.Text type="secondary">сегодня</Typography.Text>
      </Flex>
    </Flex>
  );
}

/** A year's view leaves out what has nothing due in that year. */
const datedOnly = (t: Timeline): Timeline => ({
  ...t,
  sections: t.sections.map((s) => ({ ...s, activities: s.activities.filter((a) => a.occurrences.length) })).filter((s) => s.activities.length),
});
const hiddenCount = (t: Timeline) => t.sections.reduce((n, s) => n + s.activities.filter((a) => !a.occurrences.length).length, 0);

function Gantt({ t, roadmapId }: { t: Timeline; roadmapId: string }) {
  const scale = scaleOf(t);
  const ticks = ticksOf(t);
  const showToday = t.today >= t.from && t.today <= t.to;
  // grid lines and today are drawn once over the track column of all rows
  const overlay = (
    <div style={{ position: 'absolute', top: 0, bottom: 0, left: 'var(--rm-label)', right: 0, pointerEvents: 'none' }}>
      {ticks.map((k) => (
        <div key={k.iso} className="rm-gantt-grid" style={{ left: `${scale.at(k.iso)}%` }} />
      ))}
      {showToday && <div className="rm-gantt-today" style={{ left: `${scale.at(t.today)}%` }} title={`Сегодня, ${formatDate(t.today)}`} />}
    </div>
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <div className="rm-gantt">
        {overlay}
        <div className="rm-gantt-row" style={{ borderBottom: '1px solid #d9d9d9' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Мероприятие
          </Typography.Text>
          <div className="rm-gantt-scale">
            {ticks.map((k) => (
              <span key={k.iso} className="rm-gantt-tick" style={{ left: `${scale.at(k.iso)}%` }}>
                {k.label}
              </span>
            ))}
          </div>
        </div>
        {t.sections.map((s) => (
          <div key={s.id}>
            <div className="rm-gantt-section">{[s.number, s.title].filter(Boolean).join('. ')}</div>
            {s.activities.map((a) => (
              <div key={a.id} className="rm-gantt-row">
                <div className="rm-gantt-label" title={`${a.number} ${a.title} — ${a.deadlineText}`}>
                  <Link to={`/roadmaps/${roadmapId}/activities/${a.id}`}>
                    {a.number} {a.title}
                  </Link>
                </div>
                {a.occurrences.length ? (
                  <Bars a={a} scale={scale} />
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12, paddingLeft: 8 }}>
                    {a.deadlineText || 'без срока'} — без контрольных дат
                  </Typography.Text>
                )}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

export function TimelineTab({ roadmap, year, setYear }: Props) {
  const { data, error, refetch } = useTimeline(roadmap.id, year);
  return (
    <Flex vertical gap={12}>
      <Flex gap={16} wrap align="center" justify="space-between">
        <Select
          aria-label="Год графика"
          value={year ?? ''}
          options={[{ value: '', label: `Весь период ${roadmap.periodFrom}–${roadmap.periodTo}` }, ...yearsOf(roadmap.periodFrom, roadmap.periodTo).map((y) => ({ value: String(y), label: `${y} год по месяцам` }))]}
          onChange={(y: string) => setYear(y || undefined)}
          style={{ width: 260 }}
        />
        <Legend />
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <Skeleton active />
      ) : (year ? datedOnly(data) : data).sections.length === 0 ? (
        <Empty description={year ? `В ${year} году контрольных дат нет: выберите другой год или весь период.` : 'В дорожной карте нет мероприятий.'} />
      ) : (
        <>
          {data.today > data.to && <Typography.Text type="secondary">Сегодня ({formatDate(data.today)}) — уже после показанного периода.</Typography.Text>}
          <Gantt t={year ? datedOnly(data) : data} roadmapId={roadmap.id} />
          {year && hiddenCount(data) > 0 && (
            <Typography.Text type="secondary">
              Не показаны мероприятия без контрольных дат в {year} году: {hiddenCount(data)}.
            </Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}
