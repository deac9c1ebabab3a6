/**
 * The act of destruction of personal data as the document that is signed: number, date, basis,
 * who destroyed, per store what was erased and how many rows, and the matching audit extract
 * (the chain links that record the operations on the person, with their hashes, so the act can be
 * checked against `npm run audit:verify`). No personal data: the person is named by id only.
 */
import { Document, Packer, Paragraph } from 'docx';
import { ruDate } from '../../lib/dates.js';
import { A4, DOCX_MARGIN as MARGIN, PORTRAIT_WIDTH, docTable as table, docText as text, docxStyles } from '../../lib/docx.js';
import type { DestructionActView } from './privacy.service.js';

const actionNames = { erased: 'стёрты поля', deleted: 'удалены строки', mentions: 'стёрты упоминания в тексте', files: 'очищены файлы' } as const;
const auditActionNames: Record<string, string> = {
  'privacy.block': 'Блокирование',
  'privacy.unblock': 'Снятие блокирования',
  'privacy.destroy': 'Уничтожение',
  'privacy.basis': 'Основание обработки',
  'privacy.consent_given': 'Согласие дано',
  'privacy.consent_withdrawn': 'Согласие отозвано',
};

export async function writeDestructionActDocx(act: DestructionActView): Promise<Buffer> {
  const total = act.stores.reduce((n, s) => n + s.rows, 0);
  const children = [
    ...text(`Акт № ${act.number}`, { bold: true, center: true }),
    ...text('об уничтожении персональных данных', { bold: true, center: true }),
    new Paragraph({}),
    ...text(`Дата: ${ruDate(act.actDate)}`),
    ...text(`Субъект персональных данных: работник, идентификатор ${act.staffId ?? '—'} (ФИО уничтожены)`),
    ...text(`Основание: ${act.basis}`),
    ...text(`Уничтожение выполнил: ${act.performedBy ?? 'автоматическое удаление по истечении срока хранения'}`),
    ...text('Способ: стирание персональных полей во всех хранилищах реестра персональных данных (ФИО заменены на «Удалено», прочие поля очищены); ссылки на запись сохранены обезличенными.'),
    new Paragraph({}),
    ...text('1. Хранилища и количество строк', { bold: true }),
    table(
      ['№', 'Хранилище', 'Назначение', 'Действие', 'Поля', 'Строк'],
      [5, 18, 33, 16, 20, 8],
      act.stores.map((s, i) => [String(i + 1), s.table, s.purpose, actionNames[s.action], s.columns.join(', ') || '—', String(s.rows)]),
      { width: PORTRAIT_WIDTH },
    ),
    ...text(`Итого строк: ${total}. Записей журнала аудита, в которых стёрта персональная часть: ${act.auditRowsErased}.`),
    new Paragraph({}),
    ...text('2. Выписка из журнала аудита', { bold: true }),
    table(
      ['Звено', 'Время (UTC)', 'Действие', 'Кто', 'Хеш звена'],
      [10, 20, 20, 15, 35],
      act.auditExtract.map((e) => [String(e.chainSeq), e.at.replace('T', ' ').replace('Z', ''), auditActionNames[e.action] ?? e.action, e.login ?? '—', e.hash]),
      { width: PORTRAIT_WIDTH },
    ),
    ...text('Целостность выписки проверяется командой npm run audit:verify: звенья цепочки хешей сохраняются и после стирания персональной части записей.'),
    new Paragraph({}),
    ...text('Ответственный за обработку персональных данных _______________ / _______________ /'),
  ];
  const doc = new Document({
    styles: docxStyles,
    sections: [{ properties: { page: { size: { width: A4.width, height: A4.height }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } }, children }],
  });
  return Packer.toBuffer(doc);
}
