// Before/after of an audit record as a table of the changed fields, in words, not JSON.
import { Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { counted } from '../../app/format';
import { fieldLabels, valueLabels } from './labels';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** Keys that mean nothing to a reader: ids, and an id whose name is shown beside it. */
const hiddenKey = (key: string, obj: Record<string, Json>) =>
  key === 'id' || key === 'territoryId' || (key === 'organizationId' && 'organizationName' in obj);

/** A value as a person reads it: «да», «—», labels for codes, one line per list item. */
function show(field: string, v: Json): ReactNode {
  if (v === null || v === undefined || v === '') return <Typography.Text type="secondary">—</Typography.Text>;
  // an import lists the ids it created: their number is what a reader can use
  if (field === 'ids' && Array.isArray(v)) return counted(v.length, ['запись', 'записи', 'записей']);
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  if (typeof v === 'string' || typeof v === 'number') {
    const label = valueLabels[field]?.[String(v)];
    return label ?? String(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return <Typography.Text type="secondary">пусто</Typography.Text>;
    if (v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => show(field, x)).join(', ');
    return (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {v.map((item, i) => (
          <li key={i}>{show(field, item)}</li>
        ))}
      </ol>
    );
  }
  if (isObject(v)) {
    return (
      <div>
        {Object.entries(v)
          .filter(([k]) => !hiddenKey(k, v))
          .map(([k, x]) => (
            <div key={k}>
              <Typography.Text type="secondary">{fieldLabels[k] ?? k}:</Typography.Text> {show(k, x)}
            </div>
          ))}
      </div>
    );
  }
  return String(v);
}

interface Change {
  field: string;
  before: Json;
  after: Json;
}

/** The fields whose values differ; a creation lists every field, a deletion every old one. */
export function changesOf(before: Json, after: Json): Change[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => f !== 'version' && f !== 'updatedAt');
  return fields.filter((f) => !same(b[f], a[f])).map((field) => ({ field, before: b[field], after: a[field] }));
}

export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const changes = changesOf(before, after);
  if (changes.length === 0) return <Typography.Text type="secondary">Значения полей не менялись.</Typography.Text>;
  const onlyAfter = !isObject(before);
  return (
    <Table<Change>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      columns={[
        { title: 'Поле', dataIndex: 'field', width: 240, render: (f: string) => fieldLabels[f] ?? f },
        ...(onlyAfter ? [] : [{ title: 'Было', key: 'before', render: (_: unknown, c: Change) => <div style={{ whiteSpace: 'normal' }}>{show(c.field, c.before)}</div> }]),
        { title: onlyAfter ? 'Значение' : 'Стало', key: 'after', render: (_: unknown, c: Change) => <div style={{ whiteSpace: 'normal' }}>{show(c.field, c.after)}</div> },
      ]}
    />
  );
}
