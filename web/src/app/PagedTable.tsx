// A table over a keyset list: total, «Показать ещё», loading and error states in one place.
import { Button, Flex, Table, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { KeysetList } from './useKeysetList';
import { ErrorAlert } from './ErrorAlert';
import { formatNumber } from './format';

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'footer'> {
  list: KeysetList<T>;
  /** What to show when nothing matches: best with a hint of what to do next. */
  empty: ReactNode;
  /** The noun in «Найдено: 12 организаций» is left to the caller, who knows the forms. */
  totalLabel: (total: number) => string;
}

export function PagedTable<T extends object>({ list, empty, totalLabel, ...tableProps }: Props<T>) {
  if (list.error && list.items.length === 0) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" aria-live="polite">
        {list.total === undefined ? 'Загрузка…' : totalLabel(list.total)}
      </Typography.Text>
      <Table<T>
        {...tableProps}
        size="middle"
        dataSource={list.items}
        loading={list.loading || list.refreshing}
        pagination={false}
        locale={{ emptyText: list.loading ? ' ' : empty }}
        // below this width the table scrolls; above it the cells wrap to fit the page
        scroll={{ x: 960, ...tableProps.scroll }}
      />
      {list.items.length > 0 && (
        <Flex align="center" justify="space-between" wrap gap={8}>
          <Typography.Text type="secondary">
            Показано {formatNumber(list.items.length)} из {formatNumber(list.total ?? list.items.length)}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loadingMore}>
              Показать ещё
            </Button>
          )}
        </Flex>
      )}
      {list.error && list.items.length > 0 && <ErrorAlert error={list.error} onRetry={list.refetch} />}
    </Flex>
  );
}
