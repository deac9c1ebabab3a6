import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareSnapshots, matchActivities, type SnapshotActivity } from './roadmap-content.js';

const act = (activityId: string, number: string, title: string, more: Partial<SnapshotActivity> = {}): SnapshotActivity => ({
  activityId,
  sectionNumber: '1',
  sectionTitle: 'Раздел',
  number,
  group: null,
  title,
  responsibleText: 'МОУО',
  coExecutorsText: null,
  deadlineText: 'сентябрь 2021 г.',
  expectedResult: 'Приказ',
  ...more,
});

describe('which activity of an amended document is which', () => {
  const old = [act('a', '1.1', 'Совещание'), act('b', '1.2', 'Семинар'), act('c', '1.3', 'Конкурс')];

  it('keeps activities with the same number and wording', () => {
    expect(matchActivities(old, [{ number: '1.1', title: 'Совещание' }, { number: '1.2.', title: ' семинар ' }])).toEqual(['a', 'b']);
  });

  it('follows an activity renumbered by an insertion above it', () => {
    const incoming = [{ number: '1.1', title: 'Совещание' }, { number: '1.2', title: 'Новое мероприятие' }, { number: '1.3', title: 'Семинар' }, { number: '1.4', title: 'Конкурс' }];
    expect(matchActivities(old, incoming)).toEqual(['a', null, 'b', 'c']);
  });

  it('takes a reworded activity by its number, each old one once', () => {
    expect(matchActivities(old, [{ number: '1.2', title: 'Семинар для наставников' }, { number: '1.2', title: 'Ещё одно' }])).toEqual(['b', null]);
  });

  it('never gives one old activity to two new ones (property)', () => {
    const item = fc.record({ number: fc.constantFrom('1.1', '1.2', '2.1', ''), title: fc.constantFrom('Совещание', 'Семинар', 'Конкурс', '') });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.array(item, { maxLength: 8 }), (before, after) => {
        const existing = before.map((b, i) => ({ ...b, activityId: `id${i}` }));
        const ids = matchActivities(existing, after).filter((x): x is string => x !== null);
        expect(new Set(ids).size).toBe(ids.length);
        // an unchanged document maps every activity to itself
        expect(matchActivities(existing, before)).toEqual(existing.map((e) => e.activityId));
      }),
    );
  });
});

describe('comparing two revisions', () => {
  it('lists added, removed and changed activities with the changed fields', () => {
    const before = [act('a', '1.1', 'Совещание'), act('b', '1.2', 'Семинар'), act('c', '1.3', 'Конкурс')];
    const after = [act('a', '1.1', 'Совещание'), act('b', '1.2', 'Семинар', { deadlineText: 'октябрь 2021 г.', responsibleText: 'МОУО, ОО' }), act('d', '1.3', 'Форум')];
    const c = compareSnapshots(before, after);
    expect(c.added.map((x) => x.activityId)).toEqual(['d']);
    expect(c.removed.map((x) => x.activityId)).toEqual(['c']);
    expect(c.changed).toEqual([
      {
        activityId: 'b',
        number: '1.2',
        title: 'Семинар',
        changes: [
          { field: 'responsible', before: 'МОУО', after: 'МОУО, ОО' },
          { field: 'deadline', before: 'сентябрь 2021 г.', after: 'октябрь 2021 г.' },
        ],
      },
    ]);
  });

  it('does not count re-typed whitespace or case as a change', () => {
    const c = compareSnapshots([act('a', '1.1', 'Совещание  руководителей')], [act('a', '1.1', 'совещание руководителей ')]);
    expect(c).toEqual({ added: [], removed: [], changed: [] });
  });
});
