// «Отчёты»: the annual report of a level (region, municipality, organization) for a year, shown
// section by section and downloadable as DOCX and PDF; and the passport of the territory's system.
import { Alert, Empty, Flex, Form, Select, Skeleton, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, queryString } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useUrlFilters } from '../../app/useUrlFilters';
import { useTerritories } from '../territories/useTerritories';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { annualReportLayout, systemPassportLayout } from '../../../../common/report-layout';
import type { AnnualReport } from '../../../../server/modules/reports/reports.service';
import type { SystemPassport } from '../../../../server/modules/reports/report-passport';
import { ReportView } from './ReportView';
import { ReportDownloadButton } from './ReportDownloadButton';

const thisYear = new Date().getFullYear();
const years = [0, 1, 2, 3, 4].map((d) => ({ value: String(thisYear - d), label: `${thisYear - d} год` }));
const keys = ['territoryId', 'organizationId', 'year'] as const;

/** Level and year in the URL; the territories of the actor's read scope to choose from. */
function useReportFilters() {
  const me = useMe();
  const { filters, setFilters } = useUrlFilters(keys);
  const territories = useTerritories();
  const inScope = (territories.data ?? []).filter((t) => me.scope.territoryIds.includes(t.id));
  const year = filters.year ?? String(thisYear);
  return { filters, setFilters, inScope, year };
}

function Controls({ withOrganization }: { withOrganization: boolean }) {
  const { filters, setFilters, inScope, year } = useReportFilters();
  return (
    <Form layout="inline" style={{ rowGap: 8 }}>
      {inScope.length > 0 && (
        <Form.Item label="Территория">
          <Select
            style={{ width: 300 }}
            aria-label="Территория"
            placeholder="Вся область доступа"
            allowClear
            value={filters.organizationId ? undefined : filters.territoryId}
            options={inScope.map((t) => ({ value: t.id, label: t.name }))}
            onChange={(v) => setFilters({ territoryId: v ?? null, organizationId: null })}
          />
        </Form.Item>
      )}
      {withOrganization && (
        <Form.Item label={inScope.length > 0 ? 'или организация' : 'Организация'}>
          <OrganizationSelect style={{ width: 320 }} aria-label="Организация" placeholder="Выберите организацию" allowClear value={filters.organizationId} onChange={(v) => setFilters({ organizationId: v ?? null, territoryId: null })} />
        </Form.Item>
      )}
      <Form.Item label="Год">
        <Select style={{ width: 130 }} aria-label="Отчётный год" value={year} options={years} onChange={(v) => setFilters({ year: v })} />
      </Form.Item>
    </Form>
  );
}

function AnnualTab() {
  const { filters, year } = useReportFilters();
  const params = { territoryId: filters.territoryId, organizationId: filters.organizationId, year };
  const { data, error, refetch, isFetching } = useQuery({
    queryKey: ['reports', 'annual', params],
    queryFn: ({ signal }) => api.get<AnnualReport>(`/api/reports/annual${queryString(params)}`, signal),
  });
  const doc = data ? annualReportLayout(data) : null;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Controls withOrganization />
        {doc && (
          <Flex gap={8} wrap>
            <ReportDownloadButton label="Скачать DOCX" url={`/api/reports/annual${queryString({ ...params, format: 'docx' })}`} fileName={`${doc.fileName}.docx`} />
            <ReportDownloadButton label="Скачать PDF" url={`/api/reports/annual${queryString({ ...params, format: 'pdf' })}`} fileName={`${doc.fileName}.pdf`} />
          </Flex>
        )}
      </Flex>
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : !doc || isFetching ? <Skeleton active paragraph={{ rows: 12 }} /> : <ReportView doc={doc} />}
    </Flex>
  );
}

function PassportTab() {
  const { filters, year } = useReportFilters();
  const me = useMe();
  const params = { territoryId: filters.territoryId, year };
  const { data, error, refetch, isFetching } = useQuery({
    queryKey: ['reports', 'passport', params],
    queryFn: ({ signal }) => api.get<SystemPassport>(`/api/reports/system-passport${queryString(params)}`, signal),
    enabled: me.scope.territoryIds.length > 0,
  });
  if (me.scope.territoryIds.length === 0) return <Empty description="Паспорт системы строится для региона или муниципалитета: он доступен администраторам и методистам территорий." />;
  const doc = data ? systemPassportLayout(data) : null;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" justify="space-between">
        <Controls withOrganization={false} />
        {doc && <ReportDownloadButton label="Скачать DOCX" url={`/api/reports/system-passport${queryString({ ...params, format: 'docx' })}`} fileName={`${doc.fileName}.docx`} />}
      </Flex>
      {error ? <ErrorAlert error={error} onRetry={() => refetch()} /> : !doc || isFetching ? <Skeleton active paragraph={{ rows: 12 }} /> : <ReportView doc={doc} />}
    </Flex>
  );
}

export function ReportsPage({ tab }: { tab: 'annual' | 'passport' }) {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Отчёты"
        subtitle="Ежегодный отчёт уровня и паспорт системы собираются из данных системы; прошедший год — по состоянию на его конец, поэтому отчёт за прошлый период всегда получается тем же."
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'passport' ? '/reports/passport' : '/reports')}
        items={[
          { key: 'annual', label: 'Ежегодный отчёт', children: tab === 'annual' ? <AnnualTab /> : null },
          { key: 'passport', label: 'Паспорт системы', children: tab === 'passport' ? <PassportTab /> : null },
        ]}
      />
      <Alert type="info" showIcon style={{ marginTop: 16 }} title="Выгрузка отчёта в DOCX или PDF записывается в журнал аудита." />
    </>
  );
}
