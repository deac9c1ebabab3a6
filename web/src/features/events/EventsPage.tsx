// «Календарь мероприятий»: month and list views with filters, registration, my registrations,
// ICS download and a subscription address.
import { useMemo, useState } from 'react';
import { App, Badge, Button, Calendar, Card, Flex, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, queryString } from '../../app/api';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useKeysetList } from '../../app/useKeysetList';
import { PagedTable } from '../../app/PagedTable';
import { PageHeader } from '../../app/PageHeader';
import { LinkButton } from '../../app/LinkButton';
import { DownloadButton } from '../../app/DownloadButton';
import { errorMessage } from '../../app/ErrorAlert';
import { counted } from '../../app/format';
import { useAuth } from '../../app/auth';
import { eventFormats, eventKinds, eventLevels, eventWhen, levelColors, moscowIso, mskDay, mskTimeOf, optionsOf } from './labels';
import { SubscriptionButton } from './SubscriptionButton';
import { EventFormModal } from './EventFormModal';
import type { EventListItem } from './types';
import './events.css';

const filterKeys = ['view', 'q', 'level', 'kind', 'format', 'mine', 'month'] as const;

export function RegisterButton({ event, size }: { event: EventListItem; size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const { me } = useAuth();
  const [busy, setBusy] = useState(false);
  if (!me?.staffId) return null;
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
      await client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/api/events') });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (event.myRegistration) {
    const reg = event.myRegistration;
    return (
      <Space size={4} wrap>
        <Tag color={reg.status === 'registered' ? 'green' : 'gold'}>{reg.status === 'registered' ? 'Вы зарегистрированы' : 'Вы в листе ожидания'}</Tag>
        <Button size={size} loading={busy} onClick={() => run(() => api.post(`/api/event-registrations/${reg.id}/cancel`, { version: reg.version }), 'Регистрация отменена')}>
          Отменить регистрацию
        </Button>
      </Space>
    );
  }
  if (!event.registrationOpen) return <Typography.Text type="secondary">Регистрация закрыта</Typography.Text>;
  const full = event.seatsLeft === 0;
  return (
    <Button size={size} type="primary" loading={busy} onClick={() => run(() => api.post(`/api/events/${event.id}/registrations`, {}), full ? 'Вы в листе ожидания' : 'Вы зарегистрированы')}>
      {full ? 'В лист ожидания' : 'Зарегистрироваться'}
    </Button>
  );
}

function Seats({ e }: { e: EventListItem }) {
  if (e.capacity === null) return <span>{counted(e.registered, ['участник', 'участника', 'участников'])}, без ограничения мест</span>;
  return (
    <span>
      {e.registered} из {e.capacity}
      {e.waitlisted > 0 && <Typography.Text type="secondary"> · в листе ожидания: {e.waitlisted}</Typography.Text>}
    </span>
  );
}

function MonthView({ filters, month, onMonth }: { filters: Record<string, string | undefined>; month: Dayjs; onMonth: (m: Dayjs) => void }) {
  const navigate = useNavigate();
  const from = moscowIso(month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD'), '00:00');
  const to = moscowIso(month.endOf('month').add(8, 'day').format('YYYY-MM-DD'), '00:00');
  const url = `/api/events${queryString({ level: filters.level, kind: filters.kind, format: filters.format, mine: filters.mine, q: filters.q, from, to, limit: 500 })}`;
  const { data, isFetching } = useQuery({ queryKey: [url], queryFn: ({ signal }) => api.get<{ items: EventListItem[]; total: number }>(url, signal) });
  const byDay = useMemo(() => {
    const m = new Map<string, EventListItem[]>();
    for (const e of data?.items ?? []) m.set(mskDay(e.startsAt), [...(m.get(mskDay(e.startsAt)) ?? []), e]);
    return m;
  }, [data]);
  return (
    <div aria-busy={isFetching} className="events-month">
      <Calendar
        value={month}
        onPanelChange={(d) => onMonth(d)}
        onSelect={(d, info) => info.source === 'date' && d.month() !== month.month() && onMonth(d)}
        cellRender={(d, info) => {
          if (info.type !== 'date') return null;
          const list = byDay.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <ul className="events-day">
              {list.slice(0, 3).map((e) => (
                <li key={e.id}>
                  <a
                    href={`/events/${e.id}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      navigate(`/events/${e.id}`);
                    }}
                    title={e.title}
                  >
                    <Badge color={levelColors[e.level]} text={`${mskTimeOf(e.startsAt)} ${e.title}`} />
                  </a>
                </li>
              ))}
              {list.length > 3 && <li className="events-more">ещё {list.length - 3}</li>}
            </ul>
          );
        }}
      />
      <Flex gap={16} wrap style={{ marginTop: 8 }}>
        {Object.entries({ regional: 'Региональные', municipal: 'Муниципальные', organization: 'Организаций' }).map(([k, v]) => (
          <Badge key={k} color={levelColors[k]} text={v} />
        ))}
      </Flex>
    </div>
  );
}

export function EventsPage() {
  const { can } = useAuth();
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const [creating, setCreating] = useState(false);
  const view = filters.view ?? 'month';
  const month = filters.month ? dayjs(`${filters.month}-01`) : dayjs();
  const listFilters = { q: filters.q, level: filters.level, kind: filters.kind, format: filters.format, mine: filters.mine, from: filters.mine ? undefined : moscowIso(dayjs().format('YYYY-MM-DD'), '00:00') };
  const list = useKeysetList<EventListItem>('/api/events', listFilters, 50, view === 'list');
  const icsUrl = `/api/events.ics${queryString({ level: filters.level, kind: filters.kind, format: filters.format, mine: filters.mine, q: filters.q })}`;
  return (
    <>
      <PageHeader
        title="Календарь мероприятий"
        subtitle="Совещания, семинары, конференции, мастер-классы, стажировки и конкурсы региона, муниципалитета и организаций. Время — московское."
        extra={
          <>
            <LinkButton icon={<ScheduleOutlined />} to="/events/calendars">
              Годовые календари
            </LinkButton>
            <DownloadButton url={icsUrl} fileName="events.ics">
              Скачать ICS
            </DownloadButton>
            <SubscriptionButton />
            {can.isAdmin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                Новое мероприятие
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap align="center">
            <Segmented
              aria-label="Вид"
              value={view}
              options={[
                { value: 'month', label: 'Месяц', icon: <CalendarOutlined /> },
                { value: 'list', label: 'Список' },
              ]}
              onChange={(v) => setFilters({ view: String(v) })}
            />
            <Select aria-label="Уровень" placeholder="Все уровни" allowClear value={filters.level} options={optionsOf(eventLevels)} onChange={(level?: string) => setFilters({ level })} style={{ width: 170 }} />
            <Select aria-label="Вид мероприятия" placeholder="Все виды" allowClear value={filters.kind} options={optionsOf(eventKinds)} onChange={(kind?: string) => setFilters({ kind })} style={{ width: 260 }} />
            <Select aria-label="Формат" placeholder="Любой формат" allowClear value={filters.format} options={optionsOf(eventFormats)} onChange={(format?: string) => setFilters({ format })} style={{ width: 170 }} />
            <Segmented
              aria-label="Чьи мероприятия"
              value={filters.mine ? 'mine' : 'all'}
              options={[
                { value: 'all', label: 'Все' },
                { value: 'mine', label: 'Мои регистрации' },
              ]}
              onChange={(v) => setFilters({ mine: v === 'mine' ? 'true' : undefined })}
            />
          </Flex>
          {view === 'month' ? (
            <MonthView filters={filters} month={month} onMonth={(m) => setFilters({ month: m.format('YYYY-MM') })} />
          ) : (
            <PagedTable<EventListItem>
              list={list}
              rowKey="id"
              totalLabel={(n) => `Найдено: ${counted(n, ['мероприятие', 'мероприятия', 'мероприятий'])}`}
              empty={isActive() ? 'Ничего не нашлось: измените условия отбора.' : 'Предстоящих мероприятий пока нет.'}
              columns={[
                { title: 'Когда', key: 'when', width: 190, render: (_, e) => eventWhen(e.startsAt, e.endsAt) },
                {
                  title: 'Мероприятие',
                  key: 'title',
                  render: (_, e) => (
                    <Flex vertical gap={2}>
                      <Link to={`/events/${e.id}`}>{e.title}</Link>
                      <span>
                        <Tag color={levelColors[e.level]}>{eventLevels[e.level]}</Tag>
                        <Tag>{eventKinds[e.kind]}</Tag>
                        <Tag>{eventFormats[e.format]}</Tag>
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {e.organizerName}
                        {e.place ? ` · ${e.place}` : ''}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: 'Места', key: 'seats', width: 170, render: (_, e) => <Seats e={e} /> },
                { title: 'Регистрация', key: 'reg', width: 230, render: (_, e) => <RegisterButton event={e} size="small" /> },
              ]}
            />
          )}
        </Flex>
      </Card>
      {creating && <EventFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
