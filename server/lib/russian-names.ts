// The six cases of a Russian full name (именительный, родительный, дательный, винительный,
// творительный, предложный) by the common rules of declension of surnames, first names and
// patronymics. Used to find a person's name in free text («доклад Ивановой А. П.», «встреча с
// Петровым Иваном»): what a destroyed person's mentions are searched by (ADR 0028).

export interface FullName {
  surname: string;
  name: string;
  patronymic: string | null;
}

type Sex = 'male' | 'female';
/** Nominative, genitive, dative, accusative, instrumental, prepositional. */
type Cases = [string, string, string, string, string, string];

const same = (w: string): Cases => [w, w, w, w, w, w];
const hushing = /[жшщчц]$/;
const velarOrHushing = /[гкхжшщч]$/;

/** Men's first names in -а/-я (declined like women's; they tell nothing of the sex). */
const maleNamesInA = new Set(['Никита', 'Илья', 'Кузьма', 'Фома', 'Савва', 'Лука', 'Данила', 'Гаврила', 'Еремея']);
/** Stems of men's names with a fleeting vowel: Павел → Павла. */
const fleeting: Record<string, string> = { Павел: 'Павл', Пётр: 'Петр', Петр: 'Петр', Лев: 'Льв' };

function sexOf(n: FullName): Sex {
  const p = n.patronymic?.toLowerCase() ?? '';
  if (/(вна|чна|кызы)$/.test(p)) return 'female';
  if (/(ич|оглы)$/.test(p)) return 'male';
  if (/[ая]$/.test(n.name) && !maleNamesInA.has(n.name)) return 'female';
  if (/(ова|ева|ёва|ина|ына|ая)$/.test(n.surname)) return 'female';
  return 'male';
}

/** A word of the first declension (-а, -я): Анна, Ольга, Мария, Наталья, Никита, Кваша. */
function firstDeclension(w: string): Cases {
  const base = w.slice(0, -1);
  if (w.endsWith('ия')) return [w, `${base}и`, `${base}и`, `${base}ю`, `${base}ей`, `${base}и`];
  if (w.endsWith('я')) return [w, `${base}и`, `${base}е`, `${base}ю`, `${base}ей`, `${base}е`];
  return [w, velarOrHushing.test(base) ? `${base}и` : `${base}ы`, `${base}е`, `${base}у`, hushing.test(base) ? `${base}ей` : `${base}ой`, `${base}е`];
}

/** A masculine word ending in a consonant, -й or -ь: Иван, Андрей, Дмитрий, Игорь, Шмидт. */
function secondDeclension(w: string): Cases {
  if (w.endsWith('ий')) {
    const b = w.slice(0, -1);
    return [w, `${b}я`, `${b}ю`, `${b}я`, `${b}ем`, `${b}и`];
  }
  if (/[йь]$/.test(w)) {
    const b = w.slice(0, -1);
    return [w, `${b}я`, `${b}ю`, `${b}я`, `${b}ем`, `${b}е`];
  }
  const b = fleeting[w] ?? w;
  return [w, `${b}а`, `${b}у`, `${b}а`, hushing.test(b) ? `${b}ем` : `${b}ом`, `${b}е`];
}

function surnameCases(s: string, sex: Sex): Cases {
  if (sex === 'male') {
    if (/(ов|ев|ёв|ин|ын)$/.test(s)) return [s, `${s}а`, `${s}у`, `${s}а`, `${s}ым`, `${s}е`];
    if (/(ий|ый|ой)$/.test(s)) {
      const b = s.slice(0, -2);
      return [s, `${b}ого`, `${b}ому`, `${b}ого`, s.endsWith('ий') || velarOrHushing.test(b) ? `${b}им` : `${b}ым`, `${b}ом`];
    }
    if (/[ая]$/.test(s)) return firstDeclension(s);
    if (/[бвгджзклмнпрстфхцчшщй]$/.test(s)) return secondDeclension(s);
    return same(s); // Шевченко, Черных, Дюма
  }
  if (/(ова|ева|ёва|ина|ына)$/.test(s)) {
    const b = s.slice(0, -1);
    return [s, `${b}ой`, `${b}ой`, `${b}у`, `${b}ой`, `${b}ой`];
  }
  if (/(ая|яя)$/.test(s)) {
    const b = s.slice(0, -2);
    return [s, `${b}ой`, `${b}ой`, `${b}ую`, `${b}ой`, `${b}ой`];
  }
  if (/[ая]$/.test(s) && !/[иу]а$/.test(s)) return firstDeclension(s);
  return same(s); // Шмидт, Черных, Гарсиа: a woman's surname in a consonant does not decline
}

function nameCases(n: string, sex: Sex): Cases {
  if (/[ая]$/.test(n)) return firstDeclension(n);
  if (sex === 'female') return n === 'Любовь' ? [n, 'Любови', 'Любови', n, 'Любовью', 'Любови'] : same(n);
  return secondDeclension(n);
}

function patronymicCases(p: string): Cases {
  if (p.endsWith('ич')) return [p, `${p}а`, `${p}у`, `${p}а`, `${p}ем`, `${p}е`];
  if (p.endsWith('на')) {
    const b = p.slice(0, -1);
    return [p, `${b}ы`, `${b}е`, `${b}у`, `${b}ой`, `${b}е`];
  }
  return same(p);
}

/** The full name in each of the six cases, the nominative first; the same full name where a part
 *  does not decline. */
export function fullNameCases(n: FullName): FullName[] {
  const sex = sexOf(n);
  const s = surnameCases(n.surname, sex);
  const i = nameCases(n.name, sex);
  const o = n.patronymic ? patronymicCases(n.patronymic) : null;
  return s.map((_, k) => ({ surname: s[k], name: i[k], patronymic: o ? o[k] : null }));
}
