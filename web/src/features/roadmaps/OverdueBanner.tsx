// On the home page: the user's organizations have overdue roadmap control dates. Nothing is
// shown when there are none (or the count could not be read: the banner is a reminder, not a page).
import { Alert, Flex, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LinkButton } from '../../app/LinkButton';
import { formatWindow, shortTitle } from './labels';
import { useDeadlineSummary } from './queries';

export function OverdueBanner() {
  const { data } = useDeadlineSummary();
  if (!data || data.overdue === 0) return null;
  const soon = data.dueSoon ? `, срок подходит: ${data.dueSoon}` : '';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={`Просрочено контрольных сроков по мероприятиям дорожных карт: ${data.overdue}${soon}`}
      description={
        <Flex vertical gap={2}>
          {data.items.slice(0, 3).map((d) => (
            <Typography.Text key={`${d.occurrenceId}|${d.organizationId}`}>
              {formatWindow(d)} — <Link to={`/roadmaps/${d.roadmapId}/activities/${d.activityId}`}>{shortTitle(`${d.number} ${d.title}`.trim(), 120)}</Link> ({d.organizationName})
            </Typography.Text>
          ))}
        </Flex>
      }
      action={
        <LinkButton size="small" danger to="/roadmaps/deadlines?status=overdue">
          Мои сроки
        </LinkButton>
      }
    />
  );
}
