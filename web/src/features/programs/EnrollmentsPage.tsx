// Enrollment requests for administrators: the employer approves, the programme's owner enrols
// and completes with a certificate.
import { Card, Flex, Select } from 'antd';
import { PageHeader } from '../../app/PageHeader';
import { useKeysetList } from '../../app/useKeysetList';
import { useUrlFilters } from '../../app/useUrlFilters';
import { EnrollmentTable } from './EnrollmentTable';
import { enrollmentStatusOptions } from './labels';
import type { Enrollment } from './types';

const filterKeys = ['status'] as const;

export function EnrollmentsPage() {
  const { filters, setFilters, isActive } = useUrlFilters(filterKeys);
  const list = useKeysetList<Enrollment>('/api/enrollments', filters);
  return (
    <>
      <PageHeader title="Заявки на обучение" subtitle="Заявки ваших работников (согласование) и слушатели ваших программ (зачисление, завершение с удостоверением)" />
      <Card>
        <Flex vertical gap={12}>
          <Select aria-label="Статус" placeholder="Все статусы" allowClear value={filters.status} options={enrollmentStatusOptions} onChange={(status?: string) => setFilters({ status })} style={{ width: 260 }} />
          <EnrollmentTable list={list} showPerson empty={isActive() ? 'Записей с таким статусом нет.' : 'Заявок пока нет. Работники подают их из каталога программ, тьюторы — из ИОМ.'} />
        </Flex>
      </Card>
    </>
  );
}
