import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/** How many events are shown, and a button for older ones while the server has more. */
export function LoadMoreButton(props: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  const { shown, hasMore, loading, onLoadMore } = props;
  return (
    <Box display="flex" alignItems="center" mt={2}>
      <Typography variant="body2" color="textSecondary">
        {shown} {shown === 1 ? 'event' : 'events'}
        {hasMore ? ', newest first' : ', all shown'}
      </Typography>
      {hasMore && (
        <Box ml={2}>
          <Button variant="outlined" disabled={loading} onClick={onLoadMore}>
            {loading ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </Box>
  );
}
