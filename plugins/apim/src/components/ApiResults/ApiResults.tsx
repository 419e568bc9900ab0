import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TablePagination from '@material-ui/core/TablePagination';
import type { ApiSummary, Page } from '@portico/plugin-apim-common';
import { ApiCard } from '../ApiCard';

export const API_PAGE_SIZES = [12, 24, 48, 96];

/** The page of APIs the server returned, or why there is none. */
export function ApiResults(props: {
  result?: Page<ApiSummary>;
  loading: boolean;
  error?: Error;
  filtered: boolean;
  onClearFilters: () => void;
  onPageChange: (offset: number, limit: number) => void;
}) {
  const { result, loading, error, filtered } = props;
  if (error) {
    return <ResponseErrorPanel title="Could not load the APIs" error={error} />;
  }
  if (!result) {
    return loading ? <Progress /> : null;
  }
  if (result.items.length === 0) {
    return filtered ? (
      <EmptyState
        missing="data"
        title="No API matches these filters"
        description="Try another search term, or clear the filters to see every API."
        action={
          <Button
            variant="contained"
            color="primary"
            onClick={props.onClearFilters}
          >
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        missing="content"
        title="No APIs published yet"
        description="APIs appear here once their owners register them in the catalog as entities of kind API."
      />
    );
  }
  return (
    <>
      {loading && <Progress />}
      <Grid container spacing={3} aria-busy={loading}>
        {result.items.map(api => (
          <Grid item xs={12} md={6} xl={4} key={api.ref}>
            <ApiCard api={api} />
          </Grid>
        ))}
      </Grid>
      <TablePagination
        component="div"
        count={result.totalCount}
        page={Math.floor(result.offset / result.limit)}
        rowsPerPage={result.limit}
        rowsPerPageOptions={[
          ...new Set([...API_PAGE_SIZES, result.limit]),
        ].sort((a, b) => a - b)}
        labelRowsPerPage="APIs per page"
        onPageChange={(_event, page) =>
          props.onPageChange(page * result.limit, result.limit)
        }
        onRowsPerPageChange={event =>
          props.onPageChange(0, Number(event.target.value))
        }
      />
    </>
  );
}
