import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { Finding, Page } from '@portico/plugin-security-common';
import { findingRouteRef } from '../../routes';
import { SeverityChip, StateChip } from '../SeverityChip';

export function formatDate(iso?: string): string {
  return iso
    ? new Date(iso).toLocaleDateString('en-GB', {
        day: '2-digit',
        month: 'short',
        year: 'numeric',
      })
    : '';
}

const shortRef = (ref?: string) => ref?.replace(/^[a-z]+:default\//, '');

/** A page of findings; paging is the server's. With `selected`, rows can be picked for bulk triage. */
export function FindingsTable(props: {
  page: Page<Finding>;
  onPageChange: (offset: number) => void;
  hideComponent?: boolean;
  selected?: ReadonlySet<string>;
  onSelectionChange?: (ids: Set<string>) => void;
}) {
  const { page, onPageChange, hideComponent, selected, onSelectionChange } =
    props;
  const selectable = selected !== undefined && onSelectionChange !== undefined;
  const pageIds = page.items.map(f => f.id);
  const pickedOnPage = pageIds.filter(id => selected?.has(id)).length;
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectionChange?.(next);
  };
  const toggleAll = () => {
    const next = new Set(selected);
    if (pickedOnPage === pageIds.length) pageIds.forEach(id => next.delete(id));
    else pageIds.forEach(id => next.add(id));
    onSelectionChange?.(next);
  };
  const findingLink = useRouteRef(findingRouteRef);
  const linkTo = (id: string) =>
    findingLink?.({ id }) ?? `/security/findings/${id}`;
  if (page.items.length === 0) {
    return (
      <Typography variant="body2">No finding matches these filters.</Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="Findings">
        <TableHead>
          <TableRow>
            {selectable && (
              <TableCell padding="checkbox">
                <Checkbox
                  inputProps={{
                    'aria-label': 'Select every finding of this page',
                  }}
                  checked={pickedOnPage > 0 && pickedOnPage === pageIds.length}
                  indeterminate={
                    pickedOnPage > 0 && pickedOnPage < pageIds.length
                  }
                  onChange={toggleAll}
                />
              </TableCell>
            )}
            <TableCell>Severity</TableCell>
            <TableCell>Finding</TableCell>
            <TableCell>Package / target</TableCell>
            {!hideComponent && <TableCell>Component</TableCell>}
            <TableCell>State</TableCell>
            <TableCell>Due</TableCell>
            <TableCell>Last seen</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.items.map(finding => (
            <TableRow
              key={finding.id}
              hover
              selected={selected?.has(finding.id) ?? false}
            >
              {selectable && (
                <TableCell padding="checkbox">
                  <Checkbox
                    inputProps={{ 'aria-label': `Select ${finding.ruleId}` }}
                    checked={selected!.has(finding.id)}
                    onChange={() => toggle(finding.id)}
                  />
                </TableCell>
              )}
              <TableCell>
                <SeverityChip severity={finding.severity} />
              </TableCell>
              <TableCell>
                <Link to={linkTo(finding.id)}>{finding.ruleId}</Link>
                <Typography
                  variant="caption"
                  display="block"
                  color="textPrimary"
                >
                  {finding.title}
                </Typography>
              </TableCell>
              <TableCell>
                {finding.pkgName
                  ? `${finding.pkgName} ${finding.installedVersion ?? ''}`
                  : finding.target}
                {finding.fixedVersion && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textPrimary"
                  >
                    fixed in {finding.fixedVersion}
                  </Typography>
                )}
              </TableCell>
              {!hideComponent && (
                <TableCell>
                  {shortRef(finding.componentRef) ?? <em>unowned</em>}
                </TableCell>
              )}
              <TableCell>
                <StateChip state={finding.state} />
              </TableCell>
              <TableCell>
                {finding.overdue ? (
                  <Tooltip title="Past its SLA">
                    <Typography variant="body2" color="error">
                      overdue ({formatDate(finding.dueAt)})
                    </Typography>
                  </Tooltip>
                ) : (
                  formatDate(finding.dueAt)
                )}
              </TableCell>
              <TableCell>{formatDate(finding.lastSeenAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={page.totalCount}
        page={Math.floor(page.offset / page.limit)}
        rowsPerPage={page.limit}
        rowsPerPageOptions={[page.limit]}
        onPageChange={(_, next) => onPageChange(next * page.limit)}
      />
    </>
  );
}
