// «Подписка»: a secret calendar address for Outlook, Google, Яндекс календаря — personal (my
// registrations) or of an organization; revocable. The address is shown once, on creation.
import { useState } from 'react';
import { App, Button, Flex, List, Modal, Popconfirm, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { errorMessage } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { useAuth } from '../../app/auth';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import type { EventFeed, NewEventFeed } from './types';

export function SubscriptionButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<LinkOutlined />} onClick={() => setOpen(true)}>
        Подписка
      </Button>
      {open && <SubscriptionModal onClose={() => setOpen(false)} />}
    </>
  );
}

function SubscriptionModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const { me } = useAuth();
  const client = useQueryClient();
  const feeds = useQuery({ queryKey: ['/api/event-feeds'], queryFn: ({ signal }) => api.get<{ items: EventFeed[] }>('/api/event-feeds', signal) });
  const [created, setCreated] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<string | undefined>();
  const create = async (body: { organizationId?: string }) => {
    try {
      const feed = await api.post<NewEventFeed>('/api/event-feeds', body);
      setCreated(`${window.location.origin}${feed.path}`);
      await client.invalidateQueries({ queryKey: ['/api/event-feeds'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const revoke = async (id: string) => {
    try {
      await fetch(`/api/event-feeds/${id}`, { method: 'DELETE', credentials: 'same-origin' });
      await client.invalidateQueries({ queryKey: ['/api/event-feeds'] });
      message.success('Подписка отозвана: адрес больше не работает');
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Modal open title="Подписка на календарь" onCancel={onClose} footer={<Button onClick={onClose}>Закрыть</Button>} width={640}>
      <Typography.Paragraph>
        Добавьте адрес в свой календарь (Яндекс Календарь, Outlook, Google, календарь телефона) как «календарь по ссылке» — мероприятия будут обновляться сами. Адрес секретный: вход в систему по нему не нужен, поэтому не передавайте его другим. Если адрес стал известен посторонним, отзовите подписку и создайте новую.
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {me?.staffId && (
          <Button type="primary" onClick={() => create({})}>
            Мои мероприятия
          </Button>
        )}
        <OrganizationSelect aria-label="Организация" placeholder="Мероприятия организации…" value={organizationId} onChange={setOrganizationId} style={{ width: 280 }} />
        <Button disabled={!organizationId} onClick={() => create({ organizationId })}>
          Подписаться на организацию
        </Button>
      </Flex>
      {created && (
        <Typography.Paragraph>
          Адрес подписки (скопируйте сейчас — он показывается один раз):
          <Typography.Text code copyable={{ text: created, tooltips: ['Копировать', 'Скопировано'] }} style={{ display: 'block', wordBreak: 'break-all' }} data-testid="feed-url">
            {created}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <List
        header="Действующие подписки"
        loading={feeds.isLoading}
        locale={{ emptyText: 'Подписок пока нет' }}
        dataSource={feeds.data?.items ?? []}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Popconfirm key="revoke" title="Отозвать подписку? Адрес перестанет работать." okText="Отозвать" cancelText="Отмена" onConfirm={() => revoke(f.id)}>
                <Button size="small" danger>
                  Отозвать
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={f.scope === 'personal' ? 'Мои мероприятия' : `Мероприятия: ${f.organizationName}`}
              description={`Создана ${formatDateTime(f.createdAt)}${f.lastUsedAt ? `, последнее обращение ${formatDateTime(f.lastUsedAt)}` : ', ещё не использовалась'}`}
            />
          </List.Item>
        )}
      />
    </Modal>
  );
}
