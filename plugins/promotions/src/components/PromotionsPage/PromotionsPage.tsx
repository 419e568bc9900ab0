import { useEffect, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Badge from '@material-ui/core/Badge';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { useQueryParam } from '@portico/portico-react';
import {
  PROMOTION_STATES,
  type PromotionState,
  promotionsRequestCreatePermission,
} from '@portico/plugin-promotions-common';
import { promotionsApiRef } from '../../api';
import { promotionRequestRouteRef } from '../../routes';
import { DebouncedTextField } from '../DebouncedTextField';
import { NewPromotionDialog } from '../NewPromotionDialog';
import { PromotionsTable } from '../PromotionsTable';

type View = 'all' | 'mine' | 'awaiting';
const PAGE_SIZE = 20;

/** Promotion requests: everyone's, mine, those awaiting my approval; filtered by state, component, tenant. */
export function PromotionsPage() {
  const promotionsApi = useApi(promotionsApiRef);
  const navigate = useNavigate();
  const requestLink = useRouteRef(promotionRequestRouteRef);
  const canCreate = usePermission({ permission: promotionsRequestCreatePermission }).allowed;
  // Filters live in the URL (shareable), as its only copy.
  const [viewParam, setView] = useQueryParam('view');
  const view: View = viewParam === 'mine' || viewParam === 'awaiting' ? viewParam : 'all';
  const [stateParam, setState] = useQueryParam('state');
  const [component, setComponent] = useQueryParam('component');
  const [tenant, setTenant] = useQueryParam('tenant');
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const state = PROMOTION_STATES.includes(stateParam as PromotionState) ? (stateParam as PromotionState) : undefined;

  useEffect(() => setPage(0), [view, state, component, tenant]);

  const awaitingCount = useAsync(() => promotionsApi.countAwaitingMyApproval(), [promotionsApi, reloadKey]);
  const list = useAsync(
    () =>
      promotionsApi.listRequests({
        state: view === 'awaiting' ? undefined : state,
        componentRef: component?.trim() || undefined,
        tenant: tenant?.trim() || undefined,
        mine: view === 'mine',
        awaitingMyApproval: view === 'awaiting',
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      }),
    [promotionsApi, view, state, component, tenant, page, reloadKey],
  );

  const createButton = canCreate ? (
    <Button variant="contained" color="primary" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
      Request a promotion
    </Button>
  ) : undefined;

  return (
    <Page themeId="tool">
      <Header
        title="Promotions"
        subtitle="Promote a component version to the next environment; an approver of its tenant who is not you decides"
      />
      <Content>
        <ContentHeader title="">{createButton}</ContentHeader>
        <Box mb={2} display="flex" alignItems="flex-end" flexWrap="wrap" style={{ gap: 16 }}>
          <Tabs
            value={view}
            onChange={(_e, value: View) => setView(value === 'all' ? undefined : value)}
            indicatorColor="primary"
            aria-label="Promotion views"
          >
            <Tab value="all" label="All requests" />
            <Tab value="mine" label="My requests" />
            <Tab
              value="awaiting"
              label={
                <Badge
                  overlap="rectangular"
                  color="secondary"
                  badgeContent={awaitingCount.value}
                  invisible={!awaitingCount.value}
                >
                  {/* Room for the badge, so that it does not cover the label */}
                  <Box component="span" pr={awaitingCount.value ? 1.5 : 0}>
                    Awaiting my approval
                  </Box>
                </Badge>
              }
            />
          </Tabs>
          <Box flexGrow={1} />
          <TextField
            select
            id="promotions-filter-state"
            label="State"
            value={view === 'awaiting' ? 'PENDING' : state ?? ''}
            disabled={view === 'awaiting'}
            onChange={e => setState(e.target.value || undefined)}
            style={{ minWidth: 140 }}
          >
            <MenuItem value="">Any</MenuItem>
            {PROMOTION_STATES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
          <DebouncedTextField
            id="promotions-filter-component"
            label="Component"
            placeholder="payments-gateway"
            value={component}
            onChange={setComponent}
          />
          <DebouncedTextField
            id="promotions-filter-tenant"
            label="Tenant"
            placeholder="acme"
            value={tenant}
            onChange={setTenant}
            style={{ width: 120 }}
          />
        </Box>
        {list.error ? (
          <ResponseErrorPanel error={list.error} />
        ) : (
          <PromotionsTable
            items={list.value?.items ?? []}
            totalCount={list.value?.totalCount ?? 0}
            loading={list.loading}
            page={page}
            pageSize={PAGE_SIZE}
            onPageChange={setPage}
            emptyContent={
              <Box p={3} textAlign="center">
                {view === 'awaiting'
                  ? 'Nothing awaits your approval.'
                  : 'No promotion request matches these filters.'}
              </Box>
            }
          />
        )}
        <NewPromotionDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={created => {
            setCreating(false);
            setReloadKey(k => k + 1);
            navigate(requestLink?.({ id: created.id }) ?? `/promotions/${created.id}`);
          }}
        />
      </Content>
    </Page>
  );
}
