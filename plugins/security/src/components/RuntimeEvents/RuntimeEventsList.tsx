import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { securityApiRef } from '../../api';
import { SeverityChip } from '../SeverityChip';

const PAGE_SIZE = 20;

/** Falco events, newest first: the runtime-alert timeline. */
export function RuntimeEventsList({ componentRef }: { componentRef?: string }) {
  const securityApi = useApi(securityApiRef);
  const [offset, setOffset] = useState(0);
  const events = useAsync(
    () =>
      securityApi.listRuntimeEvents({ componentRef, limit: PAGE_SIZE, offset }),
    [securityApi, componentRef, offset],
  );
  if (events.loading) return <Progress />;
  if (events.error) return <ResponseErrorPanel error={events.error} />;
  const page = events.value!;
  if (!page.items.length)
    return <Typography variant="body2">No runtime alert received.</Typography>;
  return (
    <>
      <List dense aria-label="Runtime alerts">
        {page.items.map(event => (
          <ListItem key={event.uuid} divider>
            <ListItemText
              primary={
                <>
                  <SeverityChip severity={event.severity} /> {event.rule}{' '}
                  <em>({event.priority})</em>
                </>
              }
              secondary={`${new Date(event.time).toLocaleString('en-GB')} · ${[
                event.componentRef,
                event.namespace,
                event.hostname,
                event.containerId,
              ]
                .filter(Boolean)
                .join(' · ')} — ${event.output}`}
            />
          </ListItem>
        ))}
      </List>
      <TablePagination
        component="div"
        count={page.totalCount}
        page={Math.floor(offset / PAGE_SIZE)}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[PAGE_SIZE]}
        onPageChange={(_, next) => setOffset(next * PAGE_SIZE)}
      />
    </>
  );
}
