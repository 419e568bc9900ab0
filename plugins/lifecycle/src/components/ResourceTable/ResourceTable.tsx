import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { ResourceView } from '@portico/plugin-lifecycle-common';
import type { Page } from '../../api';
import { EXCLUSIONS, formatTimeLeft, shortRef } from '../format';

export function entityLink(entityRef: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  return match ? `/catalog/${match[2]}/${match[1]}/${match[3]}` : '/catalog';
}

/** Resources as the lifecycle sees them: expiry or violations, with server-side paging. */
export function ResourceTable(props: {
  page: Page<ResourceView>;
  mode: 'expiring' | 'violations';
  onPage: (offset: number, limit: number) => void;
  label: string;
}) {
  const { page, mode, onPage, label } = props;
  return (
    <>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Resource</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Project</TableCell>
            <TableCell>Cost centre</TableCell>
            <TableCell>Environment</TableCell>
            {mode === 'expiring' ? (
              <>
                <TableCell>Expires</TableCell>
                <TableCell>Notices</TableCell>
                <TableCell>State</TableCell>
              </>
            ) : (
              <TableCell>Violations</TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {page.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={8}>
                <Typography variant="body2" color="textSecondary">
                  {mode === 'expiring' ? 'Nothing expires in this window.' : 'No tag violation.'}
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {page.items.map(r => (
            <TableRow key={r.entityRef} data-testid="lifecycle-row">
              <TableCell>
                <Link to={entityLink(r.entityRef)}>{r.title ?? shortRef(r.entityRef)}</Link>
                {/* Primary text: the table stripes rows in the page's grey, where the secondary grey is 4.47:1. */}
                <Typography variant="caption" display="block">
                  {r.type}
                </Typography>
              </TableCell>
              <TableCell>{shortRef(r.owner)}</TableCell>
              <TableCell>{r.project ?? '—'}</TableCell>
              <TableCell>{r.costCenter ?? '—'}</TableCell>
              <TableCell>{r.environment ?? '—'}</TableCell>
              {mode === 'expiring' ? (
                <>
                  <TableCell>
                    {formatTimeLeft(r.msLeft)}
                    {r.excludedBecause && (
                      <Typography variant="caption" display="block">
                        {EXCLUSIONS[r.excludedBecause]}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {r.notices['48h'] ? '48 h ✓' : '48 h –'} {r.notices['24h'] ? '24 h ✓' : '24 h –'}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" label={r.state} color={r.state === 'active' ? 'default' : 'secondary'} />
                  </TableCell>
                </>
              ) : (
                <TableCell>
                  {r.violations.map(v => (
                    <Typography key={v.tag} variant="body2">
                      <strong>{v.tag}</strong>: {v.message}
                    </Typography>
                  ))}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={page.totalCount}
        page={Math.floor(page.offset / page.limit)}
        rowsPerPage={page.limit}
        rowsPerPageOptions={[25, 50, 100]}
        onPageChange={(_, next) => onPage(next * page.limit, page.limit)}
        onRowsPerPageChange={event => onPage(0, Number(event.target.value))}
      />
    </>
  );
}
