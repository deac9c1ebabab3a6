import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { startTestApp, type TestApp, type TestClient } from '../../db/testing.js';
import { queryRows } from '../../db/client.js';

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** «2027-03-15T10:00:00+03:00» — a Moscow wall-clock time. */
const moscow = (date: string, time: string) => `${date}T${time}:00+03:00`;
const isoIn = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

describe('events calendar', () => {
  let app: TestApp | null;
  let region: TestClient, municipal: TestClient, school: TestClient, teacher: TestClient, school2: TestClient;
  let authority: string; // the municipal authority of the demo municipality
  let ministry: string;
  let schoolId: string;
  let teacherId: string;
  let people: string[]; // colleagues of the teacher

  const post = (c: TestClient, path: string, body: unknown) => c.json(path, { method: 'POST', body: JSON.stringify(body) });
  const event = (over: Record<string, unknown> = {}) => ({
    title: 'Семинар «Функциональная грамотность на уроках математики»',
    level: 'municipal',
    kind: 'seminar',
    format: 'in_person',
    organizerOrganizationId: authority,
    startsAt: isoIn(-1),
    endsAt: isoIn(3),
    place: 'МБОУ СОШ № 1, актовый зал',
    audience: 'Учителя математики',
    ...over,
  });

  beforeAll(async () => {
    app = await startTestApp();
    if (!app) return;
    [region, municipal, school, teacher, school2] = await Promise.all(['region', 'municipal', 'school', 'teacher', 'school2'].map((l) => app!.as(l)));
    const me = (await municipal.json('/api/auth/me')).body;
    const db = app.database.db;
    [{ id: authority }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'municipal_authority' AND territory_id = ${me.roles[0].territoryId}`);
    [{ id: ministry }] = await queryRows<{ id: string }>(db, sql`SELECT id FROM organizations WHERE kind = 'ministry' LIMIT 1`);
    schoolId = (await school.json('/api/auth/me')).body.roles[0].organizationId;
    teacherId = (await teacher.json('/api/auth/me')).body.staffId;
    people = (await queryRows<{ id: string }>(db, sql`SELECT id FROM staff WHERE organization_ids = ARRAY[${schoolId}]::uuid[] AND id <> ${teacherId} ORDER BY surname, id LIMIT 3`)).map((r) => r.id);
  });
  afterAll(async () => app?.close());

  it('creates an event, validates it in Russian, and keeps it within the territory', async (t) => {
    if (!app) return t.skip();
    const bad = await post(municipal, '/api/events', event({ endsAt: isoIn(-5), place: null }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].message).toMatch(/Окончание мероприятия раньше начала|место проведения/);
    const wrongLevel = await post(municipal, '/api/events', event({ level: 'regional' }));
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.body.error.fields[0].message).toContain('Региональное мероприятие');
    const foreign = await post(school2, '/api/events', event());
    expect(foreign.status).toBe(422);
    const { status, body } = await post(municipal, '/api/events', event());
    expect(status).toBe(201);
    expect(body).toMatchObject({ level: 'municipal', kind: 'seminar', registered: 0, canEdit: true, registrationOpen: true });
    // the municipality's teacher sees it, the other municipality does not
    expect((await teacher.json(`/api/events/${body.id}`)).status).toBe(200);
    expect((await school2.json(`/api/events/${body.id}`)).status).toBe(404);
    const list = await school2.json('/api/events?limit=500');
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(body.id);
    // the teacher may not edit it
    expect((await teacher.json(`/api/events/${body.id}`, { method: 'PATCH', body: JSON.stringify({ version: body.version, title: 'Другое' }) })).status).toBe(403);
  });

  it('registers up to capacity, waitlists the rest, and moves the waitlist up when a seat frees', async (t) => {
    if (!app) return t.skip();
    const e = (await post(municipal, '/api/events', event({ capacity: 2, title: 'Мастер-класс на два места', kind: 'master_class' }))).body;
    const mine = await post(teacher, `/api/events/${e.id}/registrations`, {});
    expect(mine.status).toBe(201);
    expect(mine.body.status).toBe('registered');
    expect((await post(teacher, `/api/events/${e.id}/registrations`, {})).status).toBe(409);
    // the teacher may register only themself
    expect((await post(teacher, `/api/events/${e.id}/registrations`, { staffId: people[0] })).status).toBe(404);
    const second = await post(school, `/api/events/${e.id}/registrations`, { staffId: people[0] });
    const third = await post(school, `/api/events/${e.id}/registrations`, { staffId: people[1] });
    const fourth = await post(school, `/api/events/${e.id}/registrations`, { staffId: people[2] });
    expect([second.body.status, third.body.status, fourth.body.status]).toEqual(['registered', 'waitlisted', 'waitlisted']);
    expect(fourth.body.waitlistPosition).toBe(2);
    const card = (await teacher.json(`/api/events/${e.id}`)).body;
    expect(card).toMatchObject({ registered: 2, waitlisted: 2, seatsLeft: 0, myRegistration: { status: 'registered' } });
    // the teacher reads only their own registration; the organizer reads all
    expect((await teacher.json(`/api/events/${e.id}/registrations`)).body.items.map((r: { staffId: string }) => r.staffId)).toEqual([teacherId]);
    expect((await municipal.json(`/api/events/${e.id}/registrations`)).body.items).toHaveLength(4);
    // the teacher cancels: the first of the waitlist takes the seat
    const cancel = await post(teacher, `/api/event-registrations/${mine.body.id}/cancel`, { version: mine.body.version });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const regs = (await municipal.json(`/api/events/${e.id}/registrations`)).body.items as { staffId: string; status: string; waitlistPosition: number | null }[];
    expect(regs.find((r) => r.staffId === people[1])!.status).toBe('registered');
    expect(regs.find((r) => r.staffId === people[2])).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // more seats: the rest of the waitlist moves up
    const fresh = (await municipal.json(`/api/events/${e.id}`)).body;
    const bigger = await municipal.json(`/api/events/${e.id}`, { method: 'PATCH', body: JSON.stringify({ version: fresh.version, capacity: 5 }) });
    expect(bigger.body).toMatchObject({ registered: 3, waitlisted: 0, seatsLeft: 2 });
    const smaller = await municipal.json(`/api/events/${e.id}`, { method: 'PATCH', body: JSON.stringify({ version: bigger.body.version, capacity: 1 }) });
    expect(smaller.status).toBe(422);
    expect(smaller.body.error.fields[0].message).toContain('уже зарегистрировано (3)');
    // "my registrations"
    await post(teacher, `/api/events/${e.id}/registrations`, {});
    const my = await teacher.json('/api/events?mine=true&limit=500');
    expect(my.body.items.map((i: { id: string }) => i.id)).toContain(e.id);
  });

  it('refuses registration for a closed, cancelled or finished event', async (t) => {
    if (!app) return t.skip();
    const past = (await post(municipal, '/api/events', event({ startsAt: isoIn(-30), endsAt: isoIn(-28) }))).body;
    expect((await post(teacher, `/api/events/${past.id}/registrations`, {})).body.error.message).toBe('Мероприятие уже прошло');
    const e = (await post(municipal, '/api/events', event({ registrationOpen: false }))).body;
    expect((await post(teacher, `/api/events/${e.id}/registrations`, {})).status).toBe(409);
    const open = await municipal.json(`/api/events/${e.id}`, { method: 'PATCH', body: JSON.stringify({ version: e.version, registrationOpen: true, cancelled: true }) });
    expect(open.body.cancelled).toBe(true);
    expect((await post(teacher, `/api/events/${e.id}/registrations`, {})).body.error.message).toBe('Мероприятие отменено');
    expect((await teacher.json('/api/events?limit=500')).body.items.map((i: { id: string }) => i.id)).not.toContain(e.id);
  });

  it('marks attendance and files the report with a photo and media links', async (t) => {
    if (!app) return t.skip();
    const e = (await post(municipal, '/api/events', event())).body;
    const reg = (await post(teacher, `/api/events/${e.id}/registrations`, {})).body;
    const other = (await post(school, `/api/events/${e.id}/registrations`, { staffId: people[0] })).body;
    expect((await post(teacher, `/api/events/${e.id}/attendance`, { marks: [{ registrationId: reg.id, attended: true }] })).status).toBe(403);
    const marked = await post(municipal, `/api/events/${e.id}/attendance`, { marks: [{ registrationId: reg.id, attended: true }, { registrationId: other.id, attended: false }] });
    expect(marked.status).toBe(200);
    expect(marked.body.items.find((r: { id: string }) => r.id === reg.id).attended).toBe(true);
    expect((await municipal.json(`/api/events/${e.id}`)).body.attended).toBe(1);

    const form = new FormData();
    for (const [k, v] of Object.entries({ place: 'МБОУ СОШ № 1', startsOn: '2026-11-23', endsOn: '2026-11-23', format: 'in_person', participantsCount: '27', summary: 'Рассмотрены приёмы', mediaLinks: 'https://example.ru/news/1\nhttps://vk.com/wall-1_2', videoLinks: 'https://rutube.ru/video/1' })) form.append(k, v);
    form.append('photos', new Blob([new Uint8Array(png)]), 'зал.png');
    const res = await municipal.json(`/api/events/${e.id}/report`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ participantsCount: 27, mediaLinks: ['https://example.ru/news/1', 'https://vk.com/wall-1_2'], videoLinks: ['https://rutube.ru/video/1'] });
    expect(res.body.photos[0]).toMatchObject({ name: 'зал.png', mime: 'image/png' });
    // the teacher reads the report and the photo; another municipality does not
    const seen = (await teacher.json(`/api/events/${e.id}`)).body;
    expect(seen.report.summary).toBe('Рассмотрены приёмы');
    const photo = await teacher.request(`/api/events/${e.id}/report/photos/${res.body.photos[0].id}`);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);
    expect((await school2.request(`/api/events/${e.id}/report/photos/${res.body.photos[0].id}`)).status).toBe(404);
    // a bad link or a non-image is refused, nothing changes
    const bad = new FormData();
    for (const [k, v] of Object.entries({ place: 'Зал', startsOn: '2026-11-23', endsOn: '2026-11-23', format: 'in_person', participantsCount: '1', mediaLinks: 'не ссылка', version: String(res.body.version) })) bad.append(k, v);
    expect((await municipal.json(`/api/events/${e.id}/report`, { method: 'POST', body: bad })).status).toBe(422);
    // an event not started yet takes no report
    const future = (await post(municipal, '/api/events', event({ startsAt: isoIn(48), endsAt: isoIn(50) }))).body;
    const early = new FormData();
    for (const [k, v] of Object.entries({ place: 'Зал', startsOn: '2026-11-23', endsOn: '2026-11-23', format: 'in_person', participantsCount: '1' })) early.append(k, v);
    expect((await municipal.json(`/api/events/${future.id}/report`, { method: 'POST', body: early })).body.error.message).toBe('Отчёт подаётся после проведения мероприятия');
  });

  it('exports ICS with the list filters, with correct Moscow times', async (t) => {
    if (!app) return t.skip();
    const e = (await post(municipal, '/api/events', event({ title: 'Вебинар «ИКТ»; проверка, экранирования', kind: 'webinar', format: 'online', place: null, onlineUrl: 'https://webinar.example.ru/room/5', startsAt: moscow('2027-03-15', '10:00'), endsAt: moscow('2027-03-15', '12:30') }))).body;
    await post(municipal, '/api/events', event({ title: 'Совещание в марте', kind: 'meeting', startsAt: moscow('2027-03-16', '09:00'), endsAt: moscow('2027-03-16', '10:00') }));
    const res = await teacher.request(`/api/events.ics?kind=webinar&from=${encodeURIComponent(moscow('2027-03-01', '00:00'))}&to=${encodeURIComponent(moscow('2027-04-01', '00:00'))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const text = await res.text();
    const comp = new ICAL.Component(ICAL.parse(text));
    expect(comp.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Moscow');
    const vevents = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(vevents.map((v) => v.summary)).toEqual(['Вебинар «ИКТ»; проверка, экранирования']);
    const v = vevents[0];
    expect(v.uid).toBe(`${e.id}@rsnms`);
    // 10:00 in Moscow is 07:00 UTC; seen at +03:00 it is 10:00 again
    expect(v.startDate.toJSDate().toISOString()).toBe('2027-03-15T07:00:00.000Z');
    expect(v.endDate.toJSDate().toISOString()).toBe('2027-03-15T09:30:00.000Z');
    const offset = ICAL.UtcOffset.fromSeconds(3 * 3600);
    const local = v.startDate.convertToZone(ICAL.Timezone.utcTimezone).toUnixTime() + offset.toSeconds();
    expect(new Date(local * 1000).toISOString().slice(11, 16)).toBe('10:00');
    expect(v.description).toContain('https://webinar.example.ru/room/5');
    // another municipality's export does not carry it
    const foreign = await (await school2.request('/api/events.ics?kind=webinar')).text();
    expect(foreign).not.toContain(e.id);
  });

  it('serves a personal feed by its secret address without a session until revoked', async (t) => {
    if (!app) return t.skip();
    const e = (await post(municipal, '/api/events', event({ title: 'Педагогические чтения', kind: 'pedagogical_readings', startsAt: moscow('2027-04-10', '14:00'), endsAt: moscow('2027-04-10', '17:00') }))).body;
    await post(teacher, `/api/events/${e.id}/registrations`, {});
    const feed = await post(teacher, '/api/event-feeds', {});
    expect(feed.status).toBe(201);
    expect(feed.body.path).toMatch(/^\/api\/events\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const anon = await app.request(feed.body.path);
    expect(anon.status).toBe(200);
    const comp = new ICAL.Component(ICAL.parse(await anon.text()));
    const ev = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((v) => v.uid === `${e.id}@rsnms`)!;
    expect(ev.startDate.toJSDate().toISOString()).toBe('2027-04-10T11:00:00.000Z');
    // an organization's feed: the municipal authority's events
    const orgFeed = await post(municipal, '/api/event-feeds', { organizationId: authority });
    expect(await (await app.request(orgFeed.body.path)).text()).toContain(`${e.id}@rsnms`);
    expect((await post(school2, '/api/event-feeds', { organizationId: authority })).status).toBe(404);
    // the list does not show the secret; a stranger cannot revoke; revoking ends the feed
    const list = (await teacher.json('/api/event-feeds')).body.items;
    expect(JSON.stringify(list)).not.toContain(feed.body.path.split('/').pop()!.replace('.ics', ''));
    expect((await school.request(`/api/event-feeds/${feed.body.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await teacher.request(`/api/event-feeds/${feed.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(feed.body.path)).status).toBe(404);
    expect((await app.request('/api/events/feed/not-a-real-token-at-all-000.ics')).status).toBe(404);
  });

  it('forms and approves the annual calendar by the deadline', async (t) => {
    if (!app) return t.skip();
    const year = 2031;
    const created = await post(municipal, '/api/event-calendars', { ownerOrganizationId: authority, year, level: 'municipal' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', deadline: '2030-11-30', overdue: false, actions: ['submit', 'approve', 'return', 'reopen'].filter((a) => a === 'submit') });
    expect((await post(municipal, '/api/event-calendars', { ownerOrganizationId: authority, year, level: 'municipal' })).status).toBe(409);
    await post(municipal, '/api/events', event({ startsAt: moscow(`${year}-02-10`, '10:00'), endsAt: moscow(`${year}-02-10`, '12:00') }));
    const id = created.body.id;
    const step = (c: TestClient, version: number, action: string, extra: Record<string, unknown> = {}) => post(c, `/api/event-calendars/${id}/transition`, { version, action, ...extra });
    // the school may not submit the municipality's calendar; approving a draft is out of order
    expect((await step(school, 1, 'submit')).status).toBe(403);
    expect((await step(municipal, 1, 'approve')).status).toBe(409);
    const submitted = await step(municipal, 1, 'submit');
    expect(submitted.body).toMatchObject({ status: 'submitted', events: 1 });
    expect((await step(municipal, submitted.body.version, 'return')).status).toBe(422);
    const returned = await step(municipal, submitted.body.version, 'return', { reason: 'Добавьте педагогические чтения' });
    expect(returned.body).toMatchObject({ status: 'draft', returnReason: 'Добавьте педагогические чтения' });
    const again = await step(municipal, returned.body.version, 'submit');
    expect((await step(municipal, 1, 'approve')).status).toBe(409); // stale version
    const approved = await step(region, again.body.version, 'approve', { approvalDocument: 'Приказ от 20.11.2030 № 415' });
    expect(approved.body).toMatchObject({ status: 'approved', approvalDocument: 'Приказ от 20.11.2030 № 415', overdue: false });
    // an event added after approval is counted as an addition
    await post(municipal, '/api/events', event({ startsAt: moscow(`${year}-05-10`, '10:00'), endsAt: moscow(`${year}-05-10`, '12:00') }));
    expect((await municipal.json(`/api/event-calendars/${id}`)).body).toMatchObject({ events: 2, addedAfterApproval: 1 });
    // visible in the municipality, not in the other one
    expect((await teacher.json(`/api/event-calendars/${id}`)).status).toBe(200);
    expect((await school2.json(`/api/event-calendars/${id}`)).status).toBe(404);
    // a calendar of a past year not approved by its deadline is overdue
    const late = await post(region, '/api/event-calendars', { ownerOrganizationId: ministry, year: 2025, level: 'regional' });
    expect(late.body).toMatchObject({ deadline: '2024-11-30', overdue: true });
  });
});
