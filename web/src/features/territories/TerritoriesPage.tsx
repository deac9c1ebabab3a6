import { Card, Col, Row, Typography } from 'antd';
import { ApartmentOutlined, TeamOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { useUrlFilters } from '../../app/useUrlFilters';
import { OrganizationsList, organizationFilterKeys } from '../organizations/OrganizationsList';
import { TerritoryTree } from './TerritoryTree';
import { useTerritories } from './useTerritories';

export function TerritoriesPage() {
  const { can } = useAuth();
  const { filters, setFilters } = useUrlFilters(organizationFilterKeys);
  const { data: territories } = useTerritories();
  const selected = territories?.find((t) => t.id === filters.territoryId);

  // an organization's administrator has no territory to choose: just their organizations
  if (!can.hasTerritoryScope)
    return (
      <>
        <PageHeader title="Организации" subtitle="Организации вашей области доступа" />
        <Card>
          <OrganizationsList showTerritory />
        </Card>
      </>
    );

  return (
    <>
      <PageHeader title="Территории и организации" subtitle="Выберите территорию, чтобы увидеть её организации; повторный выбор снимает отбор." />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7} xxl={5}>
          <Card title="Территории" size="small">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              <ApartmentOutlined /> организаций · <TeamOutlined /> работников
            </Typography.Paragraph>
            <TerritoryTree selectedId={filters.territoryId} onSelect={(territoryId) => setFilters({ territoryId })} />
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17} xxl={19}>
          <Card title={selected ? `Организации: ${selected.name}` : 'Организации всех территорий'} size="small">
            {/* inside one municipality the territory column would repeat its name on every row */}
            <OrganizationsList showTerritory={selected?.kind !== 'municipality'} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
