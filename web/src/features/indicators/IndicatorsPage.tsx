// «Показатели»: where the user's territory stands against its targets, who is behind, and the
// people behind each number. Drill-down region → municipality → organization lives in the URL
// (territoryId, organizationId), so Back, a bookmark and a link from the home page all work.
// Every value is computed from the records at the request: «данные на сейчас».
import { useMemo } from 'react';
import { Breadcrumb, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { BankOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { useUrlFilters } from '../../app/useUrlFilters';
import { counted, formatDateTime } from '../../app/format';
import { useTerritories } from '../territories/useTerritories';
import { CoveragePeopleDrawer, isPeopleFilter } from '../coverage/CoveragePeopleDrawer';
import { IndicatorCard, FigureLink } from './IndicatorCard';
import { RANKING_BARS, RankingChart, TrendChart } from './IndicatorCharts';
import { childKindTitles, formatIndicator, indicatorTitle, periodOptions, statusLook } from './format';
import { useIndicatorValues, useOrganizationTrend, useTerritoryTrend, type TrendPoint } from './queries';
import { figureLinks, type NodeRef, type RecordsLink } from './records';
import { dashboardUrl, recommendationUrl } from './urls';
import type { IndicatorDefinition, IndicatorValues, NodeValues } from './types';
import { indicatorBlocks, type IndicatorBlock } from '../../../../common/indicators';

const keys = ['territoryId', 'organizationId', 'period', 'indicator', 'people', 'peopleYear', 'of', 'ofKind', 'ofName', 'q'] as const;

const thisYear = new Date().getFullYear();

const COUNTRY = 'Российская Федерация';

/** The node on screen: the territory itself or, drilled into, one of its organizations. */
function currentNode(data: IndicatorValues, organizationId: string | undefined): NodeValues | null {
  if (organizationId) return data.children.find((c) => c.id === organizationId) ?? null;
  return data.total;
}

function nodeName(data: IndicatorValues, node: NodeValues): string {
  if (node === data.total && data.territory) return data.territory.name;
  return node.name || COUNTRY;
}

/** Region › municipality › organization, each step a link back up. */
function Trail({ data, organization, period, indicator }: { data: IndicatorValues; organization: NodeValues | null; period: number; indicator?: string }) {
  const me = useMe();
  const { data: territories } = useTerritories();
  const chain = useMemo(() => {
    if (!data.territory) return [];
    const byId = new Map((territories ?? []).map((t) => [t.id, t]));
    const scope = new Set(me.scope.territoryIds);
    const out: { id: string; name: string }[] = [];
    for (let t = byId.get(data.territory.id); t && scope.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) out.unshift({ id: t.id, name: t.name });
    return out.length ? out : [{ id: data.territory.id, name: data.territory.name }];
  }, [territories, data.territory, me.scope.territoryIds]);
  const steps = [
    ...chain.map((t) => ({ key: t.id, name: t.name, to: dashboardUrl({ territoryId: t.id, period, indicator }) })),
    ...(organization ? [{ key: organization.id, name: organization.name, to: '' }] : []),
  ];
  if (data.total.kind === 'country') steps.unshift({ key: 'country', name: data.total.name || COUNTRY, to: dashboardUrl({ period, indicator }) });
  // at the top of the scope the heading below says where we are
  if (steps.length < 2) return null;
  return (
    <nav aria-label="Уровни показателей">
      <Breadcrumb
        style={{ marginBottom: 12, fontSize: 15 }}
        items={steps.map((s, i) => ({ key: s.key, title: i === steps.length - 1 ? <span aria-current="page">{s.name}</span> : <Link to={s.to}>{s.name}</Link> }))}
      />
    </nav>
  );
}

export function IndicatorsPage() {
  const { filters, setFilters } = useUrlFilters(keys);
  const { can } = useAuth();
  const me = useMe();
  // recommendations are issued by a regional or municipal body (ADR 0026): its administrators
  const canRecommend = can.isAdmin && can.hasTerritoryScope;
  const navigate = useNavigate();
  const period = Number(filters.period) || thisYear;
  const values = useIndicatorValues({ territoryId: filters.territoryId, period });
  const data = values.data;
  const node = data ? currentNode(data, filters.organizationId) : null;
  const indicators = data?.indicators ?? [];
  const selected = indicators.find((d) => d.code === filters.indicator) ?? indicators[0];
  const atOrganization = !!filters.organizationId;
  // an organization's administrator: the scope is the organization itself, nothing to rank
  const ownOrganization = !atOrganization && data?.total.kind === 'organization' && data.children.length <= 1;
  const name = data && node ? nodeName(data, node) : '';
  // a body recommends to those below it, not to itself
  const recommendsHere = canRecommend && !!node && (atOrganization || (!!data?.territory && !me.roles.some((r) => r.territoryId === data.territory!.id)));
  const ref: NodeRef | null = node ? { id: node.id, name, kind: node.kind } : null;

  const openRecords = (link: RecordsLink, of: NodeRef | null) => {
    if (link.kind === 'page') return navigate(link.to);
    setFilters({ people: link.filter, peopleYear: link.year ? String(link.year) : undefined, of: of?.id, ofKind: of?.kind, ofName: of?.name ?? COUNTRY, q: undefined });
  };
  const drill = (child: NodeValues) =>
    navigate(
      child.kind === 'organization'
        ? dashboardUrl({ territoryId: data?.territory?.id, organizationId: child.id, period, indicator: selected?.code })
        : dashboardUrl({ territoryId: child.id, period, indicator: selected?.code }),
    );

  return (
    <>
      <PageHeader
        title="Показатели эффективности"
        documentTitle={name ? `Показатели — ${name}` : 'Показатели'}
        subtitle="Значения против целевых, динамика, рейтинг и люди за каждым числом. Данные на сейчас: считаются из записей системы при открытии страницы, без ночных пересчётов."
        extra={
          <>
            <Select aria-label="Год" value={period} options={periodOptions()} onChange={(p: number) => setFilters({ period: p === thisYear ? undefined : String(p) })} style={{ width: 130 }} />
            <Button icon={<ReloadOutlined />} loading={values.isFetching} onClick={() => void values.refetch()}>
              Обновить
            </Button>
          </>
        }
      />
      {values.error ? (
        <ErrorAlert error={values.error} onRetry={() => void values.refetch()} />
      ) : !data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : !node ? (
        <Card>
          <Empty description="Такой организации нет среди организаций муниципалитета с работниками. Вернитесь к муниципалитету.">
            <LinkButton type="primary" to={dashboardUrl({ territoryId: filters.territoryId, period })}>
              К муниципалитету
            </LinkButton>
          </Empty>
        </Card>
      ) : (
        <>
          <Trail data={data} organization={atOrganization ? node : null} period={period} indicator={filters.indicator} />
          <Flex align="baseline" justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Title level={3} style={{ margin: 0, fontSize: 20 }}>
              {name} · {period} год
            </Typography.Title>
            <Flex gap={8} align="center" wrap>
              {atOrganization && (
                <LinkButton icon={<BankOutlined />} to={`/organizations/${node.id}`}>
                  Карточка организации
                </LinkButton>
              )}
              <Typography.Text type="secondary" aria-live="polite">
                {values.isFetching ? 'Пересчёт…' : `Данные на ${formatDateTime(new Date(values.dataUpdatedAt).toISOString())}`}
              </Typography.Text>
            </Flex>
          </Flex>
          {indicators.length === 0 ? (
            <Card>
              <Empty
                description={`На ${period} год показатели не утверждены. Паспорта показателей с целевыми значениями утверждает регион; выберите другой год или обратитесь к администратору региона.`}
              />
            </Card>
          ) : (
            <Flex vertical gap={16}>
              <Row gutter={[12, 12]}>
                {indicators.map((d) => (
                  <Col key={d.code} xs={24} md={12} xl={8}>
                    <IndicatorCard
                      indicator={d}
                      value={node.values[d.code]}
                      links={figureLinks(d, ref!, period)}
                      context={name}
                      period={period}
                      selected={d.code === selected?.code}
                      onSelect={() => setFilters({ indicator: d.code })}
                      open={(link) => openRecords(link, ref)}
                      extra={
                        recommendsHere && node.values[d.code]?.status === 'below' ? (
                          <LinkButton size="small" icon={<SendOutlined />} to={recommendationUrl(ref!, d.code, period)} aria-label={`Выдать рекомендацию: ${name}, ${indicatorTitle(d)}`}>
                            Выдать рекомендацию
                          </LinkButton>
                        ) : undefined
                      }
                    />
                  </Col>
                ))}
              </Row>
              {selected && (
                <IndicatorDetails
                  data={data}
                  node={node}
                  nodeRef={ref!}
                  indicator={selected}
                  period={period}
                  atOrganization={atOrganization}
                  ownOrganization={ownOrganization}
                  drill={drill}
                  open={openRecords}
                  canRecommend={canRecommend}
                />
              )}
            </Flex>
          )}
        </>
      )}
      {isPeopleFilter(filters.people) && (
        <CoveragePeopleDrawer
          filter={filters.people}
          scope={!filters.of || filters.ofKind === 'country' ? {} : filters.ofKind === 'organization' ? { organizationId: filters.of } : { territoryId: filters.of }}
          scopeName={filters.ofName ?? ''}
          year={filters.peopleYear}
          note={filters.people === 'completed_federal' ? 'В списке — все, кто завершил любую программу федерального реестра. Показатель 3 учитывает из них педагогов, у которых программа стоит в ИОМ, построенном по диагностике.' : undefined}
          q={filters.q}
          onQ={(q) => setFilters({ q })}
          onClose={() => setFilters({ people: undefined, peopleYear: undefined, of: undefined, ofKind: undefined, ofName: undefined, q: undefined })}
        />
      )}
    </>
  );
}

interface DetailsProps {
  data: IndicatorValues;
  node: NodeValues;
  nodeRef: NodeRef;
  indicator: IndicatorDefinition;
  period: number;
  atOrganization: boolean;
  ownOrganization: boolean;
  drill: (child: NodeValues) => void;
  open: (link: RecordsLink, of: NodeRef) => void;
  canRecommend: boolean;
}

/** The selected indicator in depth: its trend, and the children ranked (or, for an organization,
 *  the people behind it). */
function IndicatorDetails({ data, node, nodeRef, indicator, period, atOrganization, ownOrganization, drill, open, canRecommend }: DetailsProps) {
  const territoryTrend = useTerritoryTrend(indicator.code, data.territory?.id, period, !atOrganization);
  const organizationTrend = useOrganizationTrend(atOrganization ? indicator.code : undefined, data.territory?.id, atOrganization ? node.id : undefined, period);
  const trend = atOrganization ? organizationTrend : territoryTrend;
  const kind = childKindTitles[data.childKind];
  return (
    <Card title={indicatorTitle(indicator)} styles={{ title: { whiteSpace: 'normal' } }}>
      <Flex vertical gap={16}>
        <IndicatorPassport indicator={indicator} period={period} />
        <section aria-label="Динамика по годам">
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            Динамика по годам
          </Typography.Title>
          {trend.error ? <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} /> : !trend.data ? <Skeleton active /> : <TrendBlock indicator={indicator} points={trend.data} name={nodeRef.name} />}
        </section>
        {atOrganization || ownOrganization ? (
          <PeopleBehind indicator={indicator} node={node} nodeRef={nodeRef} period={period} open={open} />
        ) : data.children.length === 0 ? (
          <Empty description={`Здесь нет ${kind.forms[2]} с работниками: сравнивать пока некого. Загрузите организации и работников — показатели появятся сами.`} />
        ) : (
          <Tabs
            // a new level is a new table: its sorting and paging start afresh
            key={`${data.territory?.id ?? 'country'}-${period}`}
            items={[
              {
                key: 'ranking',
                label: `Рейтинг: ${kind.many.toLowerCase()}`,
                children: <Ranking data={data} indicator={indicator} period={period} drill={drill} open={open} canRecommend={canRecommend} />,
              },
              { key: 'all', label: 'Все показатели', children: <AllIndicators data={data} period={period} /> },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

const blockName = (code: string) => indicatorBlocks[code as IndicatorBlock] ?? code;

function IndicatorPassport({ indicator, period }: { indicator: IndicatorDefinition; period: number }) {
  const { numerator, denominator } = indicator.rule;
  const parts = [
    indicator.kind === 'computed'
      ? `Считается из записей системы: ${denominator ? `${blockName(numerator).toLowerCase()} из числа: ${blockName(denominator).toLowerCase()}` : blockName(numerator).toLowerCase()}`
      : 'Значения вносят организации и органы управления',
    indicator.periodicity === 'half_year' ? 'раз в полугодие' : 'раз в год',
    indicator.approvingAct ? `утверждён: ${indicator.approvingAct}` : null,
    `версия паспорта ${indicator.version} (${indicator.year})`,
  ].filter(Boolean);
  return (
    <Typography.Text type="secondary">
      {parts.join(' · ')}. Период — {period} год.
    </Typography.Text>
  );
}

function TrendBlock({ indicator, points, name }: { indicator: IndicatorDefinition; points: TrendPoint[]; name: string }) {
  if (points.every((p) => p.value == null)) return <Empty description="За эти годы нет записей, из которых считается показатель." />;
  return <TrendChart indicator={indicator} points={points} nodeName={name} />;
}

/** For an organization: the lists of people the indicator counts, and those it still misses. */
function PeopleBehind({ indicator, node, nodeRef, period, open }: { indicator: IndicatorDefinition; node: NodeValues; nodeRef: NodeRef; period: number; open: (link: RecordsLink, of: NodeRef) => void }) {
  const links = figureLinks(indicator, nodeRef, period);
  const v = node.values[indicator.code];
  const items = [
    links.numerator && { link: links.numerator, value: v?.numerator ?? 0 },
    links.denominator && v?.denominator != null && { link: links.denominator, value: v.denominator },
    links.gap && v?.denominator != null && { link: links.gap, value: v.denominator - v.numerator },
  ].filter((x): x is { link: RecordsLink; value: number } => !!x);
  return (
    <section aria-label="Люди и записи за показателем">
      <Typography.Title level={4} style={{ fontSize: 16 }}>
        За показателем
      </Typography.Title>
      {items.length === 0 ? (
        <Typography.Text type="secondary">Этот показатель считается по данным форм мониторинга: списка записей за ним в системе нет.</Typography.Text>
      ) : (
        <Flex gap={12} wrap>
          {items.map(({ link, value }) => (
            <Button key={link.title} onClick={() => open(link, nodeRef)}>
              {link.title}: {formatIndicator(value, 'count')}
            </Button>
          ))}
        </Flex>
      )}
    </section>
  );
}

type RankedRow = NodeValues & { rank: number | null };

/** Children by the selected indicator: the bar chart with the target line and the same in a table. */
function Ranking({ data, indicator, period, drill, open, canRecommend }: { data: IndicatorValues; indicator: IndicatorDefinition; period: number; drill: (c: NodeValues) => void; open: (link: RecordsLink, of: NodeRef) => void; canRecommend: boolean }) {
  const { code, unit } = indicator;
  const rows = useMemo<RankedRow[]>(() => {
    const sorted = [...data.children].sort((a, b) => (b.values[code]?.value ?? -1) - (a.values[code]?.value ?? -1) || a.name.localeCompare(b.name, 'ru'));
    return sorted.map((r, i) => ({ ...r, rank: r.values[code]?.value == null ? null : i + 1 }));
  }, [data.children, code]);
  const below = rows.filter((r) => r.values[code]?.status === 'below').length;
  const kind = childKindTitles[data.childKind];
  const sample = rows[0] ? figureLinks(indicator, rows[0], period) : null;
  const refOf = (r: NodeValues): NodeRef => ({ id: r.id, name: r.name, kind: r.kind });
  return (
    <Flex vertical gap={12}>
      <Typography.Text>
        {below > 0 ? (
          <>
            Ниже цели: <Typography.Text strong type="danger">{counted(below, kind.forms)}</Typography.Text> из {rows.length}.
          </>
        ) : (
          `Все ${kind.many.toLowerCase()} не ниже цели (или цель не задана).`
        )}{' '}
        {rows.length > RANKING_BARS && `На диаграмме — ${RANKING_BARS} с наименьшими значениями, в таблице — все. `}
        Нажмите на столбец или название, чтобы перейти на уровень ниже.
      </Typography.Text>
      <RankingChart indicator={indicator} rows={rows} target={data.total.values[code]?.target ?? null} onSelect={drill} />
      <Table<RankedRow>
        size="middle"
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 20 ? { defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] } : false}
        scroll={{ x: 1000 }}
        columns={[
          { title: '№', dataIndex: 'rank', width: 48, render: (r: number | null) => r ?? '—' },
          {
            title: kind.one,
            key: 'name',
            width: 260,
            sorter: (a, b) => a.name.localeCompare(b.name, 'ru'),
            render: (_, r) => (
              <Link to={r.kind === 'organization' ? dashboardUrl({ territoryId: data.territory?.id, organizationId: r.id, period, indicator: code }) : dashboardUrl({ territoryId: r.id, period, indicator: code })}>{r.name}</Link>
            ),
          },
          {
            title: 'Значение и цель',
            key: 'value',
            align: 'right',
            width: 120,
            defaultSortOrder: 'descend',
            sorter: (a, b) => (a.values[code]?.value ?? -1) - (b.values[code]?.value ?? -1),
            render: (_, r) => {
              const v = r.values[code];
              return (
                <>
                  <Typography.Text strong style={{ color: statusLook[v?.status ?? 'no_data'].color }}>
                    {formatIndicator(v?.value, unit)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {v?.target != null ? `цель ${formatIndicator(v.target, unit)}` : 'без цели'}
                  </Typography.Text>
                </>
              );
            },
          },
          {
            title: indicator.rule.denominator ? 'Учтено из всего' : 'Учтено',
            key: 'figures',
            align: 'right',
            width: 150,
            render: (_, r) => {
              const v = r.values[code];
              const links = figureLinks(indicator, r, period);
              return (
                <>
                  <FigureLink link={links.numerator} value={v?.numerator ?? 0} context={r.name} open={(l) => open(l, refOf(r))} />
                  {v?.denominator != null && (
                    <>
                      {' из '}
                      <FigureLink link={links.denominator} value={v.denominator} context={r.name} open={(l) => open(l, refOf(r))} />
                    </>
                  )}
                </>
              );
            },
          },
          ...(sample?.gap
            ? [
                {
                  title: sample.gap.title,
                  key: 'gap',
                  align: 'right' as const,
                  width: 110,
                  render: (_: unknown, r: RankedRow) => {
                    const v = r.values[code];
                    return v?.denominator == null ? '—' : <FigureLink link={figureLinks(indicator, r, period).gap} value={v.denominator - v.numerator} context={r.name} open={(l) => open(l, refOf(r))} />;
                  },
                },
              ]
            : []),
          {
            title: 'Состояние',
            key: 'status',
            width: 130,
            filters: (['met', 'below', 'no_target', 'no_data'] as const).map((s) => ({ text: statusLook[s].label, value: s })),
            onFilter: (s, r) => (r.values[code]?.status ?? 'no_data') === s,
            render: (_, r) => {
              const look = statusLook[r.values[code]?.status ?? 'no_data'];
              return <Tag color={look.tag}>{look.label}</Tag>;
            },
          },
          ...(canRecommend && below > 0
            ? [
                {
                  title: 'Действия',
                  key: 'actions',
                  width: 200,
                  render: (_: unknown, r: RankedRow) =>
                    r.values[code]?.status === 'below' ? (
                      <LinkButton size="small" icon={<SendOutlined />} to={recommendationUrl(refOf(r), code, period)} aria-label={`Выдать рекомендацию: ${r.name}`}>
                        Выдать рекомендацию
                      </LinkButton>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

/** Every indicator of every child at a glance, coloured against its target. */
function AllIndicators({ data, period }: { data: IndicatorValues; period: number }) {
  const kind = childKindTitles[data.childKind];
  const rows = [...data.children].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return (
    <Table<NodeValues>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 20 ? { defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] } : false}
      scroll={{ x: 240 + data.indicators.length * 120 }}
      columns={[
        {
          title: kind.one,
          key: 'name',
          fixed: 'left',
          width: 240,
          render: (_, r) => <Link to={r.kind === 'organization' ? dashboardUrl({ territoryId: data.territory?.id, organizationId: r.id, period }) : dashboardUrl({ territoryId: r.id, period })}>{r.name}</Link>,
        },
        ...data.indicators.map((d) => ({
          title: <span title={d.name}>{d.number ? `№ ${d.number}` : d.name}</span>,
          key: d.code,
          align: 'right' as const,
          width: 120,
          sorter: (a: NodeValues, b: NodeValues) => (a.values[d.code]?.value ?? -1) - (b.values[d.code]?.value ?? -1),
          render: (_: unknown, r: NodeValues) => {
            const v = r.values[d.code];
            const look = statusLook[v?.status ?? 'no_data'];
            return (
              <span style={{ color: look.color, fontWeight: 500 }} title={look.label}>
                {formatIndicator(v?.value, d.unit)}
              </span>
            );
          },
        })),
      ]}
    />
  );
}
