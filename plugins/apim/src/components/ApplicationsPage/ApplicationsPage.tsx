import { useEffect, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  useQueryParamState,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Badge from '@material-ui/core/Badge';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import AddIcon from '@material-ui/icons/Add';
import {
  apimApplicationCreatePermission,
  apimSubscriptionDecidePermission,
} from '@portico/plugin-apim-common';
import { apimApiRef } from '../../api';
import { ApplicationsTable } from '../ApplicationsTable';
import { CreateApplicationDialog } from '../CreateApplicationDialog';
import { PendingDecisions } from '../PendingDecisions';

type TabName = 'mine' | 'all' | 'decisions';

/** The caller's applications, everyone's, and the subscriptions waiting for the caller. */
export function ApplicationsPage() {
  const canCreate = usePermission({
    permission: apimApplicationCreatePermission,
  }).allowed;
  const canDecide = usePermission({
    permission: apimSubscriptionDecidePermission,
  }).allowed;
  const [tabParam, setTab] = useQueryParamState<TabName>('tab');
  const tab: TabName =
    tabParam === 'all' || (tabParam === 'decisions' && canDecide)
      ? tabParam
      : 'mine';
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [pendingCount, setPendingCount] = useState<number>();
  const apimApi = useApi(apimApiRef);

  // The badge tells deciders at once that someone waits for them.
  useEffect(() => {
    if (!canDecide) return;
    apimApi
      .listSubscriptions({ awaitingMyDecision: true, limit: 1 })
      .then(page => setPendingCount(c => c ?? page.totalCount))
      .catch(() => undefined);
  }, [apimApi, canDecide]);

  const createButton = canCreate ? (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      New application
    </Button>
  ) : undefined;

  return (
    <Page themeId="tool">
      <Header
        title="Applications"
        subtitle="What calls APIs: its subscriptions to plans, and its keys per environment"
      />
      <Content>
        <ContentHeader title="">{createButton}</ContentHeader>
        <Box mb={2}>
          <Tabs
            value={tab}
            onChange={(_event, value: TabName) => setTab(value)}
            indicatorColor="primary"
            aria-label="Applications"
          >
            <Tab value="mine" label="My applications" />
            <Tab value="all" label="All applications" />
            {canDecide && (
              <Tab
                value="decisions"
                label={
                  <Badge
                    overlap="rectangular"
                    color="secondary"
                    badgeContent={pendingCount}
                    invisible={!pendingCount}
                  >
                    Awaiting my decision
                  </Badge>
                }
              />
            )}
          </Tabs>
        </Box>
        {tab === 'decisions' ? (
          <PendingDecisions onCount={setPendingCount} />
        ) : (
          <ApplicationsTable
            key={tab}
            mine={tab === 'mine'}
            reloadKey={reloadKey}
            emptyAction={createButton}
          />
        )}
        <CreateApplicationDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => setReloadKey(k => k + 1)}
        />
      </Content>
    </Page>
  );
}
