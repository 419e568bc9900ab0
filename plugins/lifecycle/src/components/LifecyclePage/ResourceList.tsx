import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { useQueryObjectState } from '@portico/portico-react';
import { lifecycleApiRef } from '../../api';
import { ResourceFilters } from '../ResourceFilters';
import { ResourceTable } from '../ResourceTable';

const WINDOWS = [
  [24, '24 hours'],
  [48, '48 hours'],
  [168, '7 days'],
  [720, '30 days'],
] as const;

/** "Expiring soon" or "Tag violations": filters, window and page all live in the URL (`?filters[owner]=…`). */
export function ResourceList(props: { mode: 'expiring' | 'violations' }) {
  const { mode } = props;
  const api = useApi(lifecycleApiRef);
  const [query, setQuery] = useQueryObjectState('filters');
  const { owner, project, costCenter, environment } = query;
  const limit = Number(query.limit ?? 25);
  const offset = Number(query.offset ?? 0);
  const withinHours = Number(query.within ?? 168);
  const filters = { owner, project, costCenter, environment, limit, offset };
  const page = useAsync(
    () => (mode === 'expiring' ? api.expiring({ ...filters, withinHours }) : api.violations(filters)),
    [api, mode, owner, project, costCenter, environment, limit, offset, withinHours],
  );
  const update = (next: Record<string, string | undefined>) =>
    setQuery({ ...query, offset: undefined, ...next });

  return (
    <>
      {/* On paper: the fields' grey labels are 4.47:1 on the page's grey (WCAG AA wants 4.5:1). */}
      <Box mb={2} display="flex" style={{ gap: 16 }} alignItems="flex-start" bgcolor="background.paper" p={1.5}>
        <Box flex={1}>
          <ResourceFilters values={{ owner, project, costCenter, environment }} onChange={values => update({ ...values })} />
        </Box>
        {mode === 'expiring' && (
          <TextField
            select
            variant="outlined"
            size="small"
            label="Within"
            value={String(withinHours)}
            onChange={event => update({ within: event.target.value })}
            style={{ minWidth: 140 }}
          >
            {WINDOWS.map(([hours, label]) => (
              <MenuItem key={hours} value={String(hours)}>
                {label}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Box>
      {page.loading && <Progress />}
      {page.error && <ResponseErrorPanel error={page.error} />}
      {page.value && (
        <ResourceTable
          page={page.value}
          mode={mode}
          label={mode === 'expiring' ? 'Expiring soon' : 'Tag violations'}
          onPage={(nextOffset, nextLimit) =>
            setQuery({ ...query, offset: String(nextOffset), limit: String(nextLimit) })
          }
        />
      )}
    </>
  );
}
