// Filters of the staff registry; every value lives in the URL (see useUrlFilters).
import { Button, Flex, Input, Segmented, Select, Tag } from 'antd';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useOrganizationName } from '../organizations/queries';
import { useTerritories } from '../territories/useTerritories';
import { categoryOptions, qualificationOptions, subjectOptions } from './labels';
import { sexes, type Sex } from '../../../../common/dictionaries';

export const staffFilterKeys = [
  'q',
  'organizationId',
  'territoryId',
  'staffCategory',
  'subject',
  'qualificationCategory',
  'youngSpecialist',
  'sex',
  'archived',
  'sort',
] as const;
export type StaffFilterKey = (typeof staffFilterKeys)[number];
type Filters = Record<StaffFilterKey, string | undefined>;

interface Props {
  filters: Filters;
  setFilters: (changes: Partial<Filters>) => void;
}

/** «Сбросить фильтры» keeps the sort order: it is a view, not a filter. */
const resettable = staffFilterKeys.filter((k) => k !== 'sort');

export function StaffFilters({ filters, setFilters }: Props) {
  const active = resettable.some((k) => filters[k] !== undefined);
  const clear = () => setFilters(Object.fromEntries(resettable.map((k) => [k, undefined])));
  const organizationName = useOrganizationName(filters.organizationId ?? null);
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center">
        <Input.Search
          key={filters.q ?? ''}
          defaultValue={filters.q}
          placeholder="Фамилия, имя или СНИЛС"
          aria-label="Поиск по фамилии, имени или СНИЛС"
          allowClear
          enterButton="Найти"
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 340, maxWidth: '100%' }}
        />
        <OrganizationSelect
          aria-label="Организация"
          placeholder="Организация"
          allowClear
          value={filters.organizationId}
          known={filters.organizationId && organizationName ? [{ value: filters.organizationId, label: organizationName }] : []}
          onChange={(organizationId?: string) => setFilters({ organizationId })}
          style={{ width: 300, maxWidth: '100%' }}
        />
        <Segmented
          aria-label="Действующие или архивные"
          value={filters.archived === 'true' ? 'true' : ''}
          options={[
            { value: '', label: 'Работающие' },
            { value: 'true', label: 'В архиве' },
          ]}
          onChange={(v) => setFilters({ archived: v })}
        />
      </Flex>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label="Категория"
          placeholder="Категория"
          allowClear
          value={filters.staffCategory}
          options={categoryOptions}
          onChange={(staffCategory?: string) => setFilters({ staffCategory })}
          style={{ width: 240, maxWidth: '100%' }}
        />
        <Select
          aria-label="Предмет"
          placeholder="Предмет"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={filters.subject}
          options={subjectOptions}
          onChange={(subject?: string) => setFilters({ subject })}
          style={{ width: 220, maxWidth: '100%' }}
        />
        <Select
          aria-label="Квалификационная категория"
          placeholder="Квалификационная категория"
          allowClear
          value={filters.qualificationCategory}
          options={qualificationOptions}
          onChange={(qualificationCategory?: string) => setFilters({ qualificationCategory })}
          style={{ width: 260, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
        />
        <Select
          aria-label="Молодые специалисты"
          value={filters.youngSpecialist ?? ''}
          options={[
            { value: '', label: 'Все по стажу и возрасту' },
            { value: 'true', label: 'Только молодые специалисты' },
            { value: 'false', label: 'Кроме молодых специалистов' },
          ]}
          onChange={(youngSpecialist: string) => setFilters({ youngSpecialist })}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <HiddenFilters filters={filters} setFilters={setFilters} />
        {active && (
          <Button type="link" onClick={clear}>
            Сбросить фильтры
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

/** Filters that arrive by a link (territory, sex) and have no control of their own: shown as
 *  removable tags so the user sees why the list is narrower. */
function HiddenFilters({ filters, setFilters }: Pick<Props, 'filters' | 'setFilters'>) {
  const { data: territories } = useTerritories();
  const territory = territories?.find((t) => t.id === filters.territoryId);
  return (
    <>
      {filters.territoryId && (
        <Tag closable onClose={() => setFilters({ territoryId: undefined })}>
          Территория: {territory?.name ?? '…'}
        </Tag>
      )}
      {filters.sex && (
        <Tag closable onClose={() => setFilters({ sex: undefined })}>
          Пол: {sexes[filters.sex as Sex] ?? filters.sex}
        </Tag>
      )}
    </>
  );
}
