import { useState } from 'react';
import Button from '@material-ui/core/Button';
import ReplayIcon from '@material-ui/icons/Replay';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import { toError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  OutboxEventView,
  porticoEventsRetryPermission,
} from '@portico/plugin-portico-common';
import { describeError, porticoEventsApiRef } from '../../api';

/**
 * Asks the relay to deliver a pending or failing event now. Shown only to those who may;
 * the server decides all the same.
 */
export function RetryEventButton(props: {
  item: OutboxEventView;
  /** Called once the server answered, whatever it said, so that the list can refresh. */
  onRetryFinished: () => void;
}) {
  const { item, onRetryFinished } = props;
  const { allowed } = usePermission({
    permission: porticoEventsRetryPermission,
  });
  const eventsApi = useApi(porticoEventsApiRef);
  const alertApi = useApi(alertApiRef);
  const [retrying, setRetrying] = useState(false);

  if (!allowed || item.state === 'delivered') {
    return null;
  }

  const retry = async () => {
    const { plugin, event } = item;
    setRetrying(true);
    try {
      await eventsApi.retryEvent(plugin, event.id);
      alertApi.post({
        message: `Retry requested: the relay will try to deliver event ${event.id} now.`,
        severity: 'success',
        display: 'transient',
      });
    } catch (error) {
      alertApi.post({
        message: `Could not retry event ${event.id}: ${describeError(
          toError(error),
        )}`,
        severity: 'error',
      });
    } finally {
      setRetrying(false);
      onRetryFinished();
    }
  };

  return (
    <Button
      variant="contained"
      color="primary"
      startIcon={<ReplayIcon />}
      disabled={retrying}
      onClick={retry}
    >
      Retry now
    </Button>
  );
}
