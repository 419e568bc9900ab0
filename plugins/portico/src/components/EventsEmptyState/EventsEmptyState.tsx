import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/**
 * No events to show: either nothing was published yet, or the filters leave nothing; the
 * second case offers to clear them.
 */
export function EventsEmptyState(props: {
  filtered: boolean;
  onClearFilters: () => void;
}) {
  if (props.filtered) {
    return (
      <EmptyState
        missing="data"
        title="No event matches these filters"
        description="Widen the time range, or check the subject: it is the entity ref or resource id the event is about (an application, a subscription, a promotion request)."
        action={
          <Button variant="contained" onClick={props.onClearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No events yet"
      description="Events appear here as soon as a Portico plugin publishes one: an application or subscription created, an API key rotated, a promotion approved. Each is written to its plugin's outbox with the change itself, then delivered to Backstage events and, where configured, Kafka."
    />
  );
}
