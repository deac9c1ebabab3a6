import { describe, it, expect } from 'vitest';
import { educationCoversSubject, subjects, subjectEducationStems } from './dictionaries.js';
import { demoProfiles, demoOtherSpecialties } from '../server/modules/demo/demo-documents.js';

describe('«education matches the subject» (ADR 0019)', () => {
  it('has stems for every subject of the dictionary', () => {
    for (const s of subjects) expect(subjectEducationStems[s].length, s).toBeGreaterThan(0);
  });

  it('covers a subject by the specialty or the qualification, in any case', () => {
    expect(educationCoversSubject('Алгебра', [{ specialty: 'Педагогическое образование (профиль «Математика»)' }])).toBe(true);
    expect(educationCoversSubject('Физика', [{ specialty: 'Физико-математическое образование' }])).toBe(true);
    expect(educationCoversSubject('Физика', [{ specialty: 'Физическая культура' }])).toBe(false);
    expect(educationCoversSubject('Физическая культура', [{ specialty: 'ФИЗИЧЕСКАЯ КУЛЬТУРА' }])).toBe(true);
    expect(educationCoversSubject('Английский язык', [{ specialty: 'Лингвистика', qualification: null }])).toBe(true);
    expect(educationCoversSubject('Начальные классы', [{ specialty: 'Педагогика', qualification: 'Учитель начальных классов' }])).toBe(true);
    expect(educationCoversSubject('История', [{ specialty: 'Экономика' }, { specialty: 'Переподготовка «История и обществознание»' }])).toBe(true);
    expect(educationCoversSubject('История', [])).toBe(false);
  });

  it('a subject outside the dictionary is covered by its own name', () => {
    expect(educationCoversSubject('Астрономия', [{ specialty: 'Астрономия' }])).toBe(true);
    expect(educationCoversSubject('Астрономия', [{ specialty: 'Физика' }])).toBe(false);
  });

  it('the demo diplomas agree with the rule: each profile covers its subject, the other specialties cover none', () => {
    for (const s of subjects) {
      expect(educationCoversSubject(s, [{ specialty: `Педагогическое образование (профиль «${demoProfiles[s]}»)`, qualification: 'Учитель' }]), s).toBe(true);
      for (const other of demoOtherSpecialties) expect(educationCoversSubject(s, [{ specialty: other }]), `${other} / ${s}`).toBe(false);
    }
  });
});
