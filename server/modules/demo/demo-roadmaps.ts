// The demo region's roadmap (ADR 0008): the ministry's plan for the regional system of
// scientific-methodological support, its cascade into the demo municipality, reports and a control
// date marked done — made through the roadmap services as the demo accounts, so that «Дорожные
// карты», «Мои сроки» and the annual report show a living plan. The text is written for the demo,
// after the structure of the regions' real plans (section, activity, executors, deadline, result).

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayIso } from '../../lib/dates.js';
import { organizations } from '../organizations/organizations.schema.js';
import { actorOfLogin } from '../auth/auth.service.js';
import { createRoadmap, cascadeRoadmap } from '../roadmaps/roadmap-write.service.js';
import { createProgressReport, findActivities, setOccurrenceStatus } from '../roadmaps/roadmap-execution.service.js';
import type { ActivityInput, ExecutorInput } from '../roadmaps/roadmap-import.service.js';
import type { OrganizationKind } from '../../../common/dictionaries.js';
import type { Actor } from '../../lib/access.js';

/** The first organization of the kind in the territory (a region's body, a municipality's authority). */
async function organizationOf(db: Db, kind: OrganizationKind, territoryId: string): Promise<string | null> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.kind, kind), eq(organizations.territoryId, territoryId))).limit(1);
  return row?.id ?? null;
}

export async function loadRoadmapsDemo(db: Db): Promise<void> {
  const region = await actorOfLogin(db, 'region');
  const municipal = await actorOfLogin(db, 'municipal');
  const regionId = region?.roles[0]?.territoryId;
  if (!region || !regionId) return;
  const ministry = await organizationOf(db, 'ministry', regionId);
  if (!ministry) return;
  const institute = await organizationOf(db, 'development_institute', regionId);
  const cnppm = await organizationOf(db, 'cnppm', regionId);
  const coko = await organizationOf(db, 'coko', regionId);

  const y = new Date().getFullYear();
  const body = (text: string, id: string | null): ExecutorInput => (id ? { text, organizationId: id } : { text });
  const group = (text: string, kinds: OrganizationKind[]): ExecutorInput => ({ text, kinds });
  const activity = (number: string, title: string, responsible: ExecutorInput[], deadline: string, expectedResult: string): ActivityInput => ({
    number,
    title,
    responsible,
    deadline: { text: deadline },
    expectedResult,
  });
  const roadmap = await createRoadmap(db, region, {
    title: `План мероприятий («дорожная карта») по развитию региональной системы научно-методического сопровождения педагогических работников и управленческих кадров на ${y}–${y + 2} годы`,
    ownerOrganizationId: ministry,
    periodFrom: y,
    periodTo: y + 2,
    approvedBy: `Приказ министерства образования от 15.01.${y} № 45`,
    sections: [
      {
        number: '1',
        title: 'Нормативное и организационное обеспечение',
        activities: [
          activity('1.1', 'Утверждение положения о региональной системе научно-методического сопровождения педагогических работников и управленческих кадров', [body('Министерство образования', ministry)], `март ${y} г.`, 'Приказ министерства об утверждении положения'),
          activity('1.2', 'Утверждение муниципальных планов мероприятий по развитию муниципальной системы научно-методического сопровождения', [group('Органы местного самоуправления, осуществляющие управление в сфере образования', ['municipal_authority'])], 'ежегодно, до 1 сентября', 'Муниципальные «дорожные карты» утверждены во всех муниципалитетах'),
          activity('1.3', 'Назначение ответственных за научно-методическое сопровождение педагогов в общеобразовательных организациях', [group('Общеобразовательные организации', ['school'])], `до 1 октября ${y} г.`, 'Приказы общеобразовательных организаций'),
        ],
      },
      {
        number: '2',
        title: 'Диагностика профессиональных компетенций и индивидуальные образовательные маршруты',
        activities: [
          activity('2.1', 'Диагностика профессиональных дефицитов педагогических работников', [body('ЦНППМ', cnppm)], 'ежегодно, октябрь – ноябрь', 'Аналитическая справка по итогам диагностики'),
          activity('2.2', 'Разработка индивидуальных образовательных маршрутов по итогам диагностики', [body('ЦНППМ', cnppm), group('Общеобразовательные организации', ['school'])], 'ежегодно, до 20 декабря', 'Не менее 30 % педагогов с выявленными дефицитами имеют ИОМ'),
          activity('2.3', 'Тьюторское сопровождение реализации индивидуальных образовательных маршрутов', [body('ЦНППМ', cnppm)], 'ежеквартально', 'Отчёт тьюторов о выполнении ИОМ'),
        ],
      },
      {
        number: '3',
        title: 'Дополнительное профессиональное образование',
        activities: [
          activity('3.1', 'Формирование регионального перечня программ ДПО из федерального реестра', [body('Институт развития образования', institute)], 'ежегодно, до 15 января', 'Перечень программ размещён на сайте института'),
          activity('3.2', 'Обучение педагогов по программам из федерального реестра', [body('Институт развития образования', institute), group('Органы местного самоуправления, осуществляющие управление в сфере образования', ['municipal_authority'])], 'ежегодно, до 25 декабря', 'Не менее 40 % педагогов прошли обучение за три года'),
        ],
      },
      {
        number: '4',
        title: 'Наставничество и профессиональные сообщества',
        activities: [
          activity('4.1', 'Реализация целевой модели наставничества в образовательных организациях', [group('Общеобразовательные организации', ['school'])], `до 1 сентября ${y} г.`, 'Программы наставничества утверждены во всех общеобразовательных организациях'),
          activity('4.2', 'Региональный конкурс «Педагог-наставник»', [body('Министерство образования', ministry), body('Институт развития образования', institute)], 'ежегодно, апрель', 'Приказ об итогах конкурса'),
          activity('4.3', 'Планирование работы региональных и муниципальных методических объединений', [body('Институт развития образования', institute), group('Органы местного самоуправления, осуществляющие управление в сфере образования', ['municipal_authority'])], 'ежегодно, до 1 октября', 'Планы работы методических объединений на учебный год'),
        ],
      },
      {
        number: '5',
        title: 'Мониторинг',
        activities: [activity('5.1', 'Мониторинг эффективности региональной системы научно-методического сопровождения', [body('ЦОКО', coko)], 'ежегодно, до 1 февраля', 'Аналитический отчёт по показателям эффективности')],
      },
    ],
  });

  // the ministry reports its first activity done; the demo municipality takes its part into its own roadmap
  const stored = async (actor: Actor, roadmapId: string, number: string) => (await findActivities(db, actor, roadmapId, { limit: 100 })).items.find((a) => a.number === number);
  const first = await stored(region, roadmap.id, '1.1');
  if (first) {
    await createProgressReport(db, region, first.id, { text: `Положение утверждено приказом от 20.03.${y} № 312`, completes: true, links: [] }, []);
  }
  // most past control dates are met; two stay overdue, as in a real year
  await markPastDone(db, region, roadmap.id, ['2.3', '4.3'], 'Выполнено, отчёт в министерстве');
  const municipalityId = municipal?.roles[0]?.territoryId;
  const authority = municipalityId ? await organizationOf(db, 'municipal_authority', municipalityId) : null;
  if (!municipal || !authority) return;
  const local = await cascadeRoadmap(db, municipal, roadmap.id, { ownerOrganizationId: authority });
  const plan = await stored(municipal, local.id, '1.2');
  const due = plan?.occurrences.find((o) => o.to.startsWith(String(y)));
  if (due) await setOccurrenceStatus(db, municipal, due.id, { version: due.version, status: 'done', note: `Муниципальный план утверждён приказом управления образования от 28.08.${y} № 118` });
  await markPastDone(db, municipal, local.id, ['4.3'], 'Выполнено');
}

/** Marks done the control dates already past in the roadmap's activities, except those of `behind`. */
async function markPastDone(db: Db, actor: Actor, roadmapId: string, behind: string[], note: string): Promise<void> {
  const today = todayIso();
  for (const a of (await findActivities(db, actor, roadmapId, { limit: 100 })).items) {
    if (behind.includes(a.number)) continue;
    for (const o of a.occurrences) if (o.to < today && o.status !== 'done') await setOccurrenceStatus(db, actor, o.id, { version: o.version, status: 'done', note });
  }
}
