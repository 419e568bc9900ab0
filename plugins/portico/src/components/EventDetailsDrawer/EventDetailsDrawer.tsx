import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import type { OutboxEventView } from '@portico/plugin-portico-common';
import { EventDelivery } from '../EventDelivery';
import { EventEnvelope } from '../EventEnvelope';
import { RetryEventButton } from '../RetryEventButton';

/** The selected event in full: its delivery, a retry for those allowed, and its envelope. */
export function EventDetailsDrawer(props: {
  item?: OutboxEventView;
  onClose: () => void;
  onRetryFinished: () => void;
}) {
  const { item, onClose, onRetryFinished } = props;
  return (
    <Drawer anchor="right" open={Boolean(item)} onClose={onClose}>
      {item && (
        <Box
          component="section"
          aria-label="Event details"
          p={3}
          width={640}
          maxWidth="100vw"
        >
          <Box display="flex" alignItems="flex-start">
            <Box flexGrow={1}>
              <Typography variant="h5" component="h2">
                {item.event.topic} · {item.event.type}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {item.plugin} · {item.event.id}
              </Typography>
            </Box>
            <IconButton aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Box>

          <Box mt={2}>
            <EventDelivery item={item} />
          </Box>

          <Box mt={2}>
            <RetryEventButton item={item} onRetryFinished={onRetryFinished} />
          </Box>

          <Box mt={3}>
            <Typography variant="subtitle2" component="h3" gutterBottom>
              Envelope
            </Typography>
            <EventEnvelope event={item.event} />
          </Box>
        </Box>
      )}
    </Drawer>
  );
}
