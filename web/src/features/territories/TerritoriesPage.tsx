import { Card, Col, Row } from 'antd';
import { PageHeader } from '../../app/PageHeader';
import { useUrlFilters } from '../../app/useUrlFilters';
import { OrganizationsList, organizationFilterKeys } from '../organizations/OrganizationsList';
import { TerritoryTree } from './TerritoryTree';
import { useTerritories } from './useTerritories';

export function TerritoriesPage() {
  const { filters, setFilters } = useUrlFilters(organizationFilterKeys);
  const { data: territories } = useTerritories();
  const selected = territories?.find((t) => t.id === filters.territoryId);
  return (
    <>
      <PageHeader title="Территории и организации" subtitle="Выберите территорию слева, чтобы увидеть её организации; повторный выбор снимает отбор." />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xxl={6}>
          <Card title="Территории" size="small">
            <TerritoryTree selectedId={filters.territoryId} onSelect={(territoryId) => setFilters({ territoryId })} />
          </Card>
        </Col>
        <Col xs={24} lg={17} xxl={18}>
          <Card title={selected ? `Организации: ${selected.name}` : 'Организации всех территорий'} size="small">
            <OrganizationsList />
          </Card>
        </Col>
      </Row>
    </>
  );
}
