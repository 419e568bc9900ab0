import { useState } from 'react';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import type { Application } from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { formatDateTime, shortRef } from '../../format';
import { useApplicationLink } from '../../hooks';
import { EnvironmentChips } from '../EnvironmentChips';

const PAGE_SIZES = [10, 25, 50, 100];

/** One page of applications: the caller's (`mine`) or every one they may see. */
export function ApplicationsTable(props: {
  mine: boolean;
  /** Changes when an application was created, to read the list again. */
  reloadKey?: number;
  emptyAction?: JSX.Element;
}) {
  const apimApi = useApi(apimApiRef);
  const applicationLink = useApplicationLink();
  const [paging, setPaging] = useState({ limit: 25, offset: 0 });
  const { value, loading, error } = useAsync(
    () => apimApi.listApplications({ mine: props.mine, ...paging }),
    [apimApi, props.mine, paging, props.reloadKey],
  );

  if (error) {
    return (
      <ResponseErrorPanel
        title="Could not load the applications"
        error={error}
      />
    );
  }

  const columns: TableColumn<Application>[] = [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: application => (
        <>
          <Link to={applicationLink(application.id)}>{application.name}</Link>
          {application.description && (
            <Typography variant="body2" color="textSecondary">
              {application.description}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: application => (
        <EntityRefLink entityRef={application.owner} defaultKind="group" />
      ),
    },
    {
      title: 'Environments',
      render: application => (
        <EnvironmentChips environments={application.environments} />
      ),
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: application => (
        <>
          <time dateTime={application.createdAt}>
            {formatDateTime(application.createdAt)}
          </time>
          <Typography variant="body2" color="textSecondary">
            by {shortRef(application.createdBy)}
          </Typography>
        </>
      ),
    },
  ];

  return (
    <>
      {/* A labelled bar, not the table's own overlay spinner, which has no accessible name. */}
      {loading && <Progress aria-label="Loading the applications" />}
      <Table<Application>
        columns={columns}
        data={value?.items ?? []}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
          // Sorting would only reorder the page in hand (the server pages); and its header
          // buttons wrapped focusable titles (axe: nested-interactive).
          sorting: false,
        }}
        emptyContent={
          loading ? undefined : (
            <EmptyState
              missing="data"
              title={
                props.mine
                  ? 'None of your groups has an application yet'
                  : 'No applications yet'
              }
              description="An application is what calls APIs: create one, subscribe it to a plan and get its keys."
              action={props.emptyAction}
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
          rowsPerPageOptions={PAGE_SIZES}
          onPageChange={(_event, page) =>
            setPaging({ limit: value.limit, offset: page * value.limit })
          }
          onRowsPerPageChange={event =>
            setPaging({ limit: Number(event.target.value), offset: 0 })
          }
        />
      )}
    </>
  );
}
