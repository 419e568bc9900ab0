import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { servicedeskApiRef } from '../../api';
import { formatTime } from '../../format';

/**
 * A secret the automation left for the requester (a temporary password): shown once on demand, then gone. Renders
 * nothing for anybody else, or when the ticket has none.
 */
export function OneTimeSecret(props: { ticketId: string; refreshKey?: string }) {
  const { ticketId, refreshKey } = props;
  const api = useApi(servicedeskApiRef);
  const status = useAsync(() => api.secretStatus(ticketId), [api, ticketId, refreshKey]);
  const [revealed, setRevealed] = useState<{ label: string; secret: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (revealed) {
    return (
      <InfoCard title="One-time secret">
        <Typography variant="body2" gutterBottom>
          {revealed.label}
        </Typography>
        <Typography variant="h6" component="code" data-testid="one-time-secret" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {revealed.secret}
        </Typography>
        <Alert severity="warning" style={{ marginTop: 8 }}>
          Copy it now: it is not shown again. You will be asked to change it at your next sign-in.
        </Alert>
      </InfoCard>
    );
  }
  const value = status.value;
  if (!value || (!value.available && !value.revealedAt)) return null;
  return (
    <InfoCard title="One-time secret">
      {value.available ? (
        <>
          <Typography variant="body2" paragraph>
            {value.label}. It can be shown once, to you only.
          </Typography>
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                setRevealed(await api.revealSecret(ticketId));
              } catch (e) {
                setError((e as Error).message);
              } finally {
                setBusy(false);
              }
            }}
          >
            Reveal
          </Button>
          {error && (
            <Alert severity="error" style={{ marginTop: 8 }}>
              {error}
            </Alert>
          )}
        </>
      ) : (
        <Typography variant="body2" data-testid="one-time-secret-revealed">
          {value.label} was revealed {formatTime(value.revealedAt!)}; it is no longer stored.
        </Typography>
      )}
    </InfoCard>
  );
}
