// Executors of one activity in the preview: each wording of the document with the organizations
// it is linked to; a link is removed with its tag and added by searching organizations.
import { useState } from 'react';
import { Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { OrganizationSelect } from '../../organizations/OrganizationSelect';
import { groupExecutors } from '../groupExecutors';
import { counted } from '../../../app/format';
import { kindsText } from '../labels';
import { relinkExecutors } from './draft';
import type { ExecutorPreview } from '../types';

interface Props {
  executors: ExecutorPreview[];
  onChange: (next: ExecutorPreview[]) => void;
  /** «мероприятие 2.4», for the labels of the controls. */
  where: string;
}

/** More linked organizations than this collapse into one tag («10 организаций»). */
const COLLAPSE_AFTER = 2;

export function ExecutorsEditor({ executors, onChange, where }: Props) {
  return (
    <Flex vertical gap={10}>
      {groupExecutors(executors).map((g) => {
        const linked = g.linked.map((e) => ({ id: e.organizationId!, name: e.organizationName ?? e.text }));
        const relink = (orgs: { id: string; name: string }[]) => onChange(relinkExecutors(executors, g.text, orgs));
        return (
          <Flex key={g.text} vertical gap={4}>
            <Typography.Text style={{ fontSize: 13 }}>{g.text}</Typography.Text>
            <LinkedTags linked={linked} text={g.text} onRemove={(id) => relink(linked.filter((o) => o.id !== id))} onClear={() => relink([])} />
            {linked.length === 0 && (
              <Typography.Text type={g.kinds.length ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
                {g.kinds.length ? `Группа: ${kindsText(g.kinds).toLowerCase()}` : 'Не связан: сохранится текстом'}
              </Typography.Text>
            )}
            <AddOrganization
              label={linked.length ? `Добавить организацию к «${g.text}» (${where})` : `Связать «${g.text}» (${where}) с организацией`}
              linkedCount={linked.length}
              onPick={(org) => {
                if (!linked.some((o) => o.id === org.id)) relink([...linked, org]);
              }}
            />
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The search is open for an unlinked wording; a linked one offers it behind «+ организация»,
 *  so a table of linked rows stays quiet. */
function AddOrganization({ label, linkedCount, onPick }: { label: string; linkedCount: number; onPick: (org: { id: string; name: string }) => void }) {
  const [open, setOpen] = useState(false);
  if (linkedCount > 0 && !open)
    return (
      <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} aria-label={label} style={{ alignSelf: 'flex-start', padding: 0, height: 'auto', fontSize: 13 }}>
        добавить организацию
      </Button>
    );
  return (
    <OrganizationSelect
      size="small"
      value={null}
      autoFocus={open}
      placeholder={linkedCount ? 'Добавить организацию…' : 'Связать с организацией…'}
      aria-label={label}
      onChange={(id: string, option) => {
        const name = (option as { label?: string } | undefined)?.label ?? '';
        if (id) onPick({ id, name });
        setOpen(false);
      }}
      style={{ width: '100%' }}
    />
  );
}

function LinkedTags({ linked, text, onRemove, onClear }: { linked: { id: string; name: string }[]; text: string; onRemove: (id: string) => void; onClear: () => void }) {
  if (linked.length === 0) return null;
  if (linked.length > COLLAPSE_AFTER)
    return (
      <Tooltip title={linked.map((o) => o.name).join('; ')}>
        <Tag color="green" style={{ width: 'fit-content' }}>
          {counted(linked.length, ['организация', 'организации', 'организаций'])}
          <CloseButton label={`Снять связи «${text}»`} onClick={onClear} />
        </Tag>
      </Tooltip>
    );
  return (
    <Flex gap={4} wrap>
      {linked.map((o) => (
        <Tag key={o.id} color="green" style={{ whiteSpace: 'normal' }}>
          {o.name}
          <CloseButton label={`Снять связь с «${o.name}»`} onClick={() => onRemove(o.id)} />
        </Tag>
      ))}
    </Flex>
  );
}

/** A real button inside the tag (not the tag's own close icon), so the link can be removed
 *  from the keyboard too. */
const CloseButton = ({ label, onClick }: { label: string; onClick: () => void }) => (
  <button type="button" className="rm-tag-close" aria-label={label} onClick={onClick}>
    ×
  </button>
);
