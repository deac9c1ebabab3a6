// The first valid rows as they will be saved, with the registry's Russian labels.
import { Table, Typography, type TableColumnsType } from 'antd';
import { counted, formatDate, formatNumber } from '../../app/format';
import { organizationKinds, qualificationCategories, staffCategories, type OrganizationKind, type QualificationCategory, type StaffCategory } from '../../../../common/dictionaries';
import type { ImportKind } from './types';

type Row = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v ? v : '—');
const yesNo = (v: unknown) => (v === true ? 'да' : 'нет');
const firstPosition = (r: Row) => (Array.isArray(r.positions) ? ((r.positions[0] ?? {}) as Row) : {});

const staffColumns: TableColumnsType<Row> = [
  { title: 'ФИО', key: 'name', render: (_, r) => [r.surname, r.name, r.patronymic].filter(Boolean).join(' ') },
  { title: 'Дата рождения', key: 'birthDate', render: (_, r) => formatDate(r.birthDate as string | null) },
  { title: 'СНИЛС', key: 'snils', render: (_, r) => str(r.snils) },
  { title: 'Должность', key: 'title', render: (_, r) => str(firstPosition(r).title) },
  { title: 'Категория', key: 'category', render: (_, r) => staffCategories[firstPosition(r).staffCategory as StaffCategory] ?? '—' },
  {
    title: 'Предметы',
    key: 'subjects',
    render: (_, r) => {
      const list = firstPosition(r).subjects;
      return Array.isArray(list) && list.length ? list.join(', ') : '—';
    },
  },
  { title: 'Квалификация', key: 'q', render: (_, r) => qualificationCategories[r.qualificationCategory as QualificationCategory] ?? '—' },
];

const organizationColumns: TableColumnsType<Row> = [
  { title: 'Краткое наименование', key: 'shortName', render: (_, r) => str(r.shortName) },
  { title: 'Тип', key: 'kind', render: (_, r) => organizationKinds[r.kind as OrganizationKind] ?? '—' },
  { title: 'ИНН', key: 'inn', render: (_, r) => str(r.inn) },
  { title: 'Адрес', key: 'address', render: (_, r) => str(r.address) },
  { title: 'ШНОР', key: 'low', render: (_, r) => yesNo(r.lowResultsSchool) },
];

const resultColumns: TableColumnsType<Row> = [
  { title: 'Работник', key: 'fullName', render: (_, r) => str(r.fullName) },
  { title: 'Компетенция', key: 'competencyCode', render: (_, r) => str(r.competencyCode) },
  { title: 'Результат, %', key: 'score', render: (_, r) => formatNumber(r.score as number) },
  { title: 'Дата диагностики', key: 'measuredOn', render: (_, r) => formatDate(r.measuredOn as string | null) },
];

const columnsOf: Record<ImportKind, TableColumnsType<Row>> = { staff: staffColumns, organizations: organizationColumns, assessment_results: resultColumns };

export function ImportPreviewTable({ kind, rows, total }: { kind: ImportKind; rows: Row[]; total: number }) {
  return (
    <>
      <Typography.Text type="secondary">
        Предпросмотр: {rows.length < total ? `первые ${counted(rows.length, ['строка', 'строки', 'строк'])} из ${formatNumber(total)}` : `все ${counted(total, ['строка', 'строки', 'строк'])}`}
      </Typography.Text>
      <Table<Row>
        size="small"
        rowKey="__row"
        dataSource={rows.map((r, i) => ({ ...r, __row: i }))}
        columns={columnsOf[kind]}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
      />
    </>
  );
}
