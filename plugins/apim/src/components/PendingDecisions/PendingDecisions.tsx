import { useState } from 'react';
import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Subscription } from '@portico/plugin-apim-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apimApiRef } from '../../api';
import { ENVIRONMENT_LABELS, formatDateTime, shortRef } from '../../format';
import { DecisionDialog, type Decision } from '../DecisionDialog';

/**
 * Pending subscriptions to the APIs the caller's groups own. Whether the caller may decide one
 * (never their own request) is the server's call: its refusal is shown as it comes.
 */
export function PendingDecisions(props: {
  /** Told how many are waiting, e.g. for a tab's badge. */
  onCount?: (count: number) => void;
}) {
  const apimApi = useApi(apimApiRef);
  const [paging, setPaging] = useState({ limit: 25, offset: 0 });
  // Kept after closing so that the dialog does not change while it fades out.
  const [deciding, setDeciding] = useState<{
    subscription: Subscription;
    decision: Decision;
    open: boolean;
  }>();
  const stopDeciding = () => setDeciding(d => (d ? { ...d, open: false } : d));
  const [done, setDone] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const page = await apimApi.listSubscriptions({
      awaitingMyDecision: true,
      ...paging,
    });
    props.onCount?.(page.totalCount);
    return page;
  }, [apimApi, paging]);

  if (error) {
    return (
      <ResponseErrorPanel
        title="Could not load the subscriptions awaiting your decision"
        error={error}
      />
    );
  }

  const columns: TableColumn<Subscription>[] = [
    {
      title: 'Application',
      render: s => (
        <>
          <Typography variant="body2">
            <strong>{s.applicationName}</strong>
          </Typography>
          <EntityRefLink entityRef={s.applicationOwner} defaultKind="group" />
        </>
      ),
    },
    {
      title: 'API',
      render: s => <EntityRefLink entityRef={s.apiRef} defaultKind="api" />,
    },
    { title: 'Plan', field: 'plan' },
    {
      title: 'Environment',
      render: s => ENVIRONMENT_LABELS[s.environment] ?? s.environment,
    },
    {
      title: 'Requested',
      render: s => (
        <>
          <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
          <Typography variant="body2" color="textSecondary">
            by {shortRef(s.requestedBy)}
          </Typography>
        </>
      ),
    },
    {
      title: 'Decision',
      render: s => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Button
            size="small"
            color="primary"
            variant="contained"
            onClick={() =>
              setDeciding({ subscription: s, decision: 'approve', open: true })
            }
            aria-label={`Approve ${s.applicationName} on ${shortRef(s.apiRef)}`}
          >
            Approve
          </Button>{' '}
          <Button
            size="small"
            variant="outlined"
            onClick={() =>
              setDeciding({ subscription: s, decision: 'reject', open: true })
            }
            aria-label={`Reject ${s.applicationName} on ${shortRef(s.apiRef)}`}
          >
            Reject
          </Button>
        </span>
      ),
    },
  ];

  return (
    <>
      {done && (
        <Alert
          severity="success"
          onClose={() => setDone(undefined)}
          style={{ marginBottom: 16 }}
        >
          {done}
        </Alert>
      )}
      <Table<Subscription>
        isLoading={loading}
        columns={columns}
        data={value?.items ?? []}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        emptyContent={
          loading ? undefined : (
            <EmptyState
              missing="data"
              title="Nothing awaits your decision"
              description="Requests for manual plans of the APIs your groups own appear here."
            />
          )
        }
      />
      {value && value.totalCount > value.items.length && (
        <TablePagination
          component="div"
          count={value.totalCount}
          page={Math.floor(value.offset / value.limit)}
          rowsPerPage={value.limit}
          rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(_event, page) =>
            setPaging({ limit: value.limit, offset: page * value.limit })
          }
          onRowsPerPageChange={event =>
            setPaging({ limit: Number(event.target.value), offset: 0 })
          }
        />
      )}
      <DecisionDialog
        subscription={deciding?.open ? deciding.subscription : undefined}
        decision={deciding?.decision ?? 'approve'}
        onClose={stopDeciding}
        onDecided={decided => {
          stopDeciding();
          setDone(
            `${decided.applicationName} on ${shortRef(decided.apiRef)} (${
              decided.plan
            }, ${ENVIRONMENT_LABELS[decided.environment]}) is now ${
              decided.state
            }.`,
          );
          retry();
        }}
      />
    </>
  );
}
