// Picks an organization by typing part of its name or INN (searches /api/organizations?q=).
import { useState } from 'react';
import { Select, Typography, type SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString, type Page } from '../../app/api';
import { useDebounced } from '../../app/useDebounced';
import type { Organization } from './types';

export interface OrganizationOption {
  value: string;
  label: string;
}

interface Props extends Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption' | 'onSearch'> {
  /** Labels of the already chosen value(s), which a search may not return. */
  known?: OrganizationOption[];
}

export function OrganizationSelect({ known = [], ...props }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['/api/organizations', 'select', q],
    queryFn: ({ signal }) => api.get<Page<Organization>>(`/api/organizations${queryString({ q, limit: 20 })}`, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const found = (data?.items ?? []).map((o) => ({ value: o.id, label: o.shortName, territory: o.territoryName }));
  const options = [...found, ...known.filter((k) => !found.some((f) => f.value === k.value)).map((k) => ({ ...k, territory: null }))];
  return (
    <Select<string>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      options={options}
      optionRender={(o) => (
        <div>
          <div style={{ whiteSpace: 'normal' }}>{o.data.label}</div>
          {o.data.territory && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.territory}
            </Typography.Text>
          )}
        </div>
      )}
      notFoundContent={isFetching ? 'Поиск…' : 'Ничего не найдено'}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 520 } } }}
    />
  );
}
