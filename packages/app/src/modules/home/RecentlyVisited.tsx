import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { visitsApiRef } from '@backstage/plugin-home';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';

const SHOWN = 8;

function ago(timestamp: number): string {
  const minutes = Math.round((Date.now() - timestamp) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/**
 * The pages the user visited last. Replaces the home plugin's Recently Visited card, whose list
 * puts a bare <p> inside its <ul> while there are few visits (axe: list, serious).
 */
export function RecentlyVisited() {
  const visitsApi = useApi(visitsApiRef);
  const { value: visits, error } = useAsync(
    () => visitsApi.list({ limit: SHOWN, orderBy: [{ field: 'timestamp', direction: 'desc' }] }),
    [visitsApi],
  );
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        Your visits could not be read: {error.message}
      </Typography>
    );
  }
  if (!visits) return <></>;
  if (visits.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The pages you open appear here, to carry on where you left off.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Recently visited">
      {visits.map(visit => (
        <ListItem key={visit.id} disableGutters>
          <ListItemText
            primary={<Link to={visit.pathname}>{visit.name}</Link>}
            secondary={ago(visit.timestamp)}
          />
        </ListItem>
      ))}
    </List>
  );
}
