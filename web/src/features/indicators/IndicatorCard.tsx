// One indicator of one node: its value against the target, coloured, with the figures it is
// computed from — each a link to the records it counts.
import { Button, Card, Flex, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { UnorderedListOutlined } from '@ant-design/icons';
import { formatNumber } from '../../app/format';
import { formatIndicator, gapText, indicatorTitle, statusLook } from './format';
import type { FigureLinks, RecordsLink } from './records';
import type { IndicatorDefinition, IndicatorValue } from './types';

/** A figure that opens its records, or plain text when it has none. */
export function FigureLink({ link, value, context, open }: { link: RecordsLink | null; value: number; context: string; open: (link: RecordsLink) => void }) {
  if (!link) return <span>{formatNumber(value)}</span>;
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, height: 'auto' }}
      aria-label={`${link.title}, ${context}: ${formatNumber(value)}. Открыть список`}
      onClick={(e) => {
        e.stopPropagation();
        open(link);
      }}
    >
      {formatNumber(value)}
    </Button>
  );
}

interface Props {
  indicator: IndicatorDefinition;
  value: IndicatorValue | undefined;
  links: FigureLinks;
  /** Whose value it is, for the screen reader's labels: «Северо-Камский край». */
  context: string;
  period: number;
  selected: boolean;
  onSelect: () => void;
  open: (link: RecordsLink) => void;
  extra?: ReactNode;
}

export function IndicatorCard({ indicator, value, links, context, period, selected, onSelect, open, extra }: Props) {
  const { token } = theme.useToken();
  const status = value?.status ?? 'no_data';
  const look = statusLook[status];
  const gap = value ? gapText(value, indicator.unit) : null;
  const missing = value && value.denominator != null ? value.denominator - value.numerator : null;
  return (
    <Card
      size="small"
      hoverable
      onClick={onSelect}
      style={{ height: '100%', borderColor: selected ? token.colorPrimary : undefined, boxShadow: selected ? `0 0 0 1px ${token.colorPrimary}` : undefined }}
      styles={{ body: { height: '100%' } }}
    >
      <Flex vertical gap={6} style={{ height: '100%' }}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Button
            type="text"
            aria-pressed={selected}
            onClick={(e) => {
              e.stopPropagation();
              onSelect();
            }}
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start', fontWeight: 600, flex: 1 }}
          >
            {indicatorTitle(indicator)}
          </Button>
          <Tag color={look.tag} style={{ marginInlineEnd: 0 }}>
            {look.label}
          </Tag>
        </Flex>
        <Typography.Text style={{ fontSize: 28, lineHeight: 1.2, fontWeight: 600, color: status === 'no_data' ? token.colorTextTertiary : look.color }}>
          {formatIndicator(value?.value, indicator.unit)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {value?.target != null ? `Цель ${period} года: ${formatIndicator(value.target, indicator.unit)}` : `Цель на ${period} год не задана`}
          {gap && ` · ${gap}`}
        </Typography.Text>
        {value && status !== 'no_data' && value.denominator != null && (
          <Typography.Text>
            <FigureLink link={links.numerator} value={value.numerator} context={context} open={open} /> из{' '}
            <FigureLink link={links.denominator} value={value.denominator} context={context} open={open} />
            {links.gap && missing != null && missing > 0 && (
              <>
                {' · '}
                {links.gap.title.toLowerCase()}: <FigureLink link={links.gap} value={missing} context={context} open={open} />
              </>
            )}
          </Typography.Text>
        )}
        {value && status !== 'no_data' && value.denominator == null && links.numerator && (
          // a count: the big figure is the numerator, so the link names where its records are
          <Button
            type="link"
            size="small"
            icon={<UnorderedListOutlined />}
            style={{ padding: 0, height: 'auto', alignSelf: 'flex-start' }}
            onClick={(e) => {
              e.stopPropagation();
              open(links.numerator!);
            }}
          >
            {links.numerator.title}
          </Button>
        )}
        {status === 'no_data' && <Typography.Text type="secondary">Пока нет записей, из которых он считается.</Typography.Text>}
        {/* the card selects the indicator on a click; a click on its own buttons stays theirs */}
        {extra && (
          <div style={{ marginTop: 'auto' }} onClick={(e) => e.stopPropagation()}>
            {extra}
          </div>
        )}
      </Flex>
    </Card>
  );
}
