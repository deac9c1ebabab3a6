// Region → municipalities with their counts; choosing a node filters the organizations.
import { useMemo } from 'react';
import { Flex, Skeleton, Tree, Typography, type TreeDataNode } from 'antd';
import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMe } from '../../app/auth';
import { formatNumber } from '../../app/format';
import { useTerritories } from './useTerritories';
import type { Territory } from './types';

/** Counts are shown only for territories of the user's scope: an ancestor drawn for context
 *  (the region above a municipality) would show figures the user cannot open. */
function NodeTitle({ t, inScope }: { t: Territory; inScope: boolean }) {
  return (
    <Flex vertical style={{ lineHeight: 1.35, padding: '2px 0' }}>
      <span style={{ fontWeight: t.kind === 'region' ? 600 : 400 }}>{t.name}</span>
      {inScope && (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12 }}
          aria-label={`организаций: ${t.organizationCount}, работников: ${t.staffCount}`}
        >
          <span title="Организаций">
            <ApartmentOutlined /> {formatNumber(t.organizationCount)}
          </span>
          {'  ·  '}
          <span title="Работников">
            <TeamOutlined /> {formatNumber(t.staffCount)}
          </span>
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Builds the tree from the flat list; a territory whose parent is not visible is a root. */
function toTree(items: Territory[], scope: Set<string>): TreeDataNode[] {
  const ids = new Set(items.map((t) => t.id));
  const childrenOf = (parentId: string | null): TreeDataNode[] =>
    items
      .filter((t) => (parentId === null ? !t.parentId || !ids.has(t.parentId) : t.parentId === parentId))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
      .map((t) => {
        const children = childrenOf(t.id);
        return { key: t.id, title: <NodeTitle t={t} inScope={scope.has(t.id)} />, children: children.length ? children : undefined, isLeaf: children.length === 0 };
      });
  return childrenOf(null);
}

interface Props {
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
}

export function TerritoryTree({ selectedId, onSelect }: Props) {
  const { data, error, refetch } = useTerritories();
  const me = useMe();
  const tree = useMemo(() => toTree(data ?? [], new Set(me.scope.territoryIds)), [data, me]);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <Skeleton active />;
  if (tree.length === 0) return <Typography.Text type="secondary">Территорий в вашей области доступа нет.</Typography.Text>;
  return (
    <Tree
      aria-label="Территории"
      blockNode
      defaultExpandAll
      treeData={tree}
      selectedKeys={selectedId ? [selectedId] : []}
      // a second click on the chosen territory returns to «all territories»
      onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
    />
  );
}
