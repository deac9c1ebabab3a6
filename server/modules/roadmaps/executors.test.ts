import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { classifyExecutor, collectDefinitions, recognizeExecutors, splitTopLevel, splitExecutorCell } from './executors.js';

const kindOf = (text: string, defs = new Map<string, string>()) =>
  recognizeExecutors(text, defs).map((m) => [m.text, m.class.type === 'organization' ? m.class.kind : m.class.type]);

describe('splitting an executor cell', () => {
  it('splits at commas and semicolons outside quotes and parentheses', () => {
    expect(splitTopLevel('Министерство, ГАУ ДПО «Институт развития, образования»; ОО (школы, детсады)')).toEqual([
      'Министерство',
      'ГАУ ДПО «Институт развития, образования»',
      'ОО (школы, детсады)',
    ]);
  });

  it('keeps a long defined name with commas of its own as one executor', () => {
    const cell =
      'Исполнительно-распорядительные органы муниципальных районов, муниципальных и городских округов Пермского края, осуществляющие муниципальное управление в сфере образования (далее – МОУО), образовательные организации Пермского края (далее – ОО)';
    expect(splitExecutorCell(cell)).toEqual([
      'Исполнительно-распорядительные органы муниципальных районов, муниципальных и городских округов Пермского края, осуществляющие муниципальное управление в сфере образования (далее – МОУО)',
      'образовательные организации Пермского края (далее – ОО)',
    ]);
  });

  it('starts a new executor after a known name even in lower case', () => {
    expect(splitExecutorCell('Министерство, государственное автономное учреждение «Институт развития образования Пермского края» (далее – ГАУ ДПО ИРО ПК)')).toHaveLength(2);
    expect(splitExecutorCell('МОУО, ММС, методические объединения, общественные профессиональные объединения, ОО')).toHaveLength(5);
  });

  it('splits «МОУО и ОО» but not a name with «и» inside', () => {
    expect(splitExecutorCell('МОУО и ОО')).toEqual(['МОУО', 'ОО']);
    expect(splitExecutorCell('Министерство образования и науки Пермского края')).toEqual(['Министерство образования и науки Пермского края']);
  });
});

describe('what an executor names', () => {
  it('uses the abbreviations the document defines', () => {
    const defs = collectDefinitions([
      'Министерство образования и науки Пермского края (далее – Министерство)',
      'Министерство, государственное автономное учреждение дополнительного профессионального образования «Институт развития образования Пермского края» (далее – ГАУ ДПО ИРО ПК)',
      'Структурное подразделение АНО «Капитал развития» Центр оценки профессионального мастерства (далее – ЦОПМКП)',
    ]);
    expect([...defs.keys()]).toEqual(['министерство', 'гау дпо иро пк', 'цопмкп']);
    expect(kindOf('Министерство, ГАУ ДПО ИРО ПК, ЦОПМКП', defs)).toEqual([
      ['Министерство', 'ministry'],
      ['ГАУ ДПО ИРО ПК', 'development_institute'],
      ['ЦОПМКП', 'unknown'],
    ]);
    expect(recognizeExecutors('ЦОПМКП', defs)[0].fullName).toBe('Структурное подразделение АНО «Капитал развития» Центр оценки профессионального мастерства');
  });

  it('knows the common abbreviations and names', () => {
    const cases: [string, string][] = [
      ['МОУО', 'municipal_authority'],
      ['Управление образования администрации ЛГО', 'municipal_authority'],
      ['Департамент образования и молодежной политики администрации города', 'municipal_authority'],
      ['Комитет по образованию г. Сыктывкара', 'municipal_authority'],
      ['Департамент образования и науки Ханты-Мансийского автономного округа – Югры', 'ministry'],
      ['Минобрнауки', 'ministry'],
      ['ММС', 'methodological_service'],
      ['МКУ «Информационно-методический центр»', 'methodological_service'],
      ['ЦНППМ', 'cnppm'],
      ['Структурное подразделение ГАУ ДПО ИРО ПК - Центр непрерывного повышения профессионального мастерства педагогических работников', 'cnppm'],
      ['ИРО', 'development_institute'],
      ['ГБУ «Центр оценки качества образования»', 'coko'],
      ['ОО', 'group'],
      ['ДОУ', 'group'],
      ['методические объединения', 'association'],
      ['РМО', 'association'],
      ['общественные профессиональные объединения', 'unknown'],
    ];
    for (const [text, kind] of cases) expect(kindOf(text), text).toEqual([[text, kind]]);
    expect(classifyExecutor('ДОУ')).toEqual({ type: 'group', kinds: ['kindergarten'] });
    expect(classifyExecutor('ОО')).toMatchObject({ type: 'group', kinds: expect.arrayContaining(['school', 'kindergarten', 'college']) });
  });

  it('recognizes every executor of the sample roadmaps except the one the region does not have', () => {
    const samples = path.resolve(process.cwd(), '../shared/samples');
    for (const name of ['roadmap-000.json', 'roadmap-002.json']) {
      const key = JSON.parse(fs.readFileSync(path.join(samples, name), 'utf8')) as { sections: { activities: { responsible: string }[] }[] };
      const cells = key.sections.flatMap((s) => s.activities.map((a) => a.responsible));
      const defs = collectDefinitions(cells);
      const unknown = new Set(cells.flatMap((c) => recognizeExecutors(c, defs).filter((m) => m.class.type === 'unknown').map((m) => m.text)));
      // a private assessment centre and public associations are not subjects of the registry
      expect([...unknown].sort()).toEqual(name === 'roadmap-000.json' ? ['ЦОПМКП', 'общественно-профессиональные объединения', 'структурное подразделение АНО Научно-общественного объединения «Капитал развития» Центр оценки профессионального мастерства и квалификации педагогов (далее – ЦОПМКП)'].sort() : ['общественные профессиональные объединения']);
    }
  });
});
