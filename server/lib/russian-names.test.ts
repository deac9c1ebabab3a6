import { describe, expect, it } from 'vitest';
import { fullNameCases } from './russian-names.js';

const cases = (surname: string, name: string, patronymic: string | null = null) =>
  fullNameCases({ surname, name, patronymic }).map((c) => [c.surname, c.name, c.patronymic].filter(Boolean).join(' '));

describe('fullNameCases', () => {
  it('declines a woman’s and a man’s full name in -ов/-ова', () => {
    expect(cases('Иванова', 'Анна', 'Петровна')).toEqual([
      'Иванова Анна Петровна',
      'Ивановой Анны Петровны',
      'Ивановой Анне Петровне',
      'Иванову Анну Петровну',
      'Ивановой Анной Петровной',
      'Ивановой Анне Петровне',
    ]);
    expect(cases('Петров', 'Сергей', 'Николаевич')).toEqual([
      'Петров Сергей Николаевич',
      'Петрова Сергея Николаевича',
      'Петрову Сергею Николаевичу',
      'Петрова Сергея Николаевича',
      'Петровым Сергеем Николаевичем',
      'Петрове Сергее Николаевиче',
    ]);
  });

  it('declines adjectival surnames and names in -ия, -ья, -ий, -ь and with a fleeting vowel', () => {
    expect(cases('Щукинаградская', 'Евлампия', 'Феоктистовна')[4]).toBe('Щукинаградской Евлампией Феоктистовной');
    expect(cases('Щукинаградская', 'Евлампия', 'Феоктистовна')[3]).toBe('Щукинаградскую Евлампию Феоктистовну');
    expect(cases('Вознесенский', 'Дмитрий', 'Андреевич')[1]).toBe('Вознесенского Дмитрия Андреевича');
    expect(cases('Вознесенский', 'Дмитрий', 'Андреевич')[4]).toBe('Вознесенским Дмитрием Андреевичем');
    expect(cases('Толстой', 'Лев', 'Николаевич')[4]).toBe('Толстым Львом Николаевичем');
    expect(cases('Лебедева', 'Наталья', 'Игоревна')[2]).toBe('Лебедевой Наталье Игоревне');
    expect(cases('Горький', 'Игорь', 'Павлович')[5]).toBe('Горьком Игоре Павловиче');
    expect(cases('Морозов', 'Павел')[1]).toBe('Морозова Павла');
    expect(cases('Ильин', 'Никита', 'Сергеевич')[4]).toBe('Ильиным Никитой Сергеевичем');
    expect(cases('Гаврилюк', 'Ольга', 'Ивановна')[1]).toBe('Гаврилюк Ольги Ивановны');
    expect(cases('Гаврилюк', 'Олег', 'Иванович')[4]).toBe('Гаврилюком Олегом Ивановичем');
  });

  it('leaves what does not decline as it is', () => {
    expect(new Set(cases('Шевченко', 'Кармен', 'Хосеевна').map((c) => c.split(' ').slice(0, 2).join(' ')))).toEqual(new Set(['Шевченко Кармен']));
    expect(cases('Черных', 'Любовь', 'Петровна')[4]).toBe('Черных Любовью Петровной');
  });
});
