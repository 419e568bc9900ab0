import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  BulkTriageRequest,
  CreateRiskRequest,
  TriageAction,
} from '@portico/plugin-security-common';
import { describeError, securityApiRef } from '../../api';
import { RiskRequestDialog } from '../FindingPage/RiskRequestDialog';

const ACTIONS: Array<{ action: TriageAction; label: string }> = [
  { action: 'acknowledge', label: 'Acknowledge' },
  { action: 'start', label: 'In progress' },
  { action: 'reopen', label: 'Reopen' },
];

/**
 * What to do with the selected findings, in one call: the server moves all of them or none and
 * names the finding that stopped it.
 */
export function BulkTriageBar(props: {
  selected: ReadonlySet<string>;
  onDone: () => void;
  onClear: () => void;
}) {
  const securityApi = useApi(securityApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [riskOpen, setRiskOpen] = useState(false);
  const ids = [...props.selected];

  const run = async (request: BulkTriageRequest) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await securityApi.bulkTriage(request);
      setDone(`${result.items.length} findings updated`);
      props.onDone();
    } catch (e) {
      setError(describeError(e as Error));
      throw e;
    } finally {
      setBusy(false);
    }
  };

  if (!ids.length && !done && !error) return null;
  return (
    <Box mb={2}>
      {error && (
        <Alert severity="error" onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      {done && (
        <Alert severity="success" onClose={() => setDone(undefined)}>
          {done}
        </Alert>
      )}
      {ids.length > 0 && (
        <Paper variant="outlined">
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            px={2}
            py={1}
            style={{ gap: 8 }}
            role="toolbar"
            aria-label="Bulk triage"
          >
            <Typography variant="subtitle2" style={{ marginRight: 8 }}>
              {ids.length} selected
            </Typography>
            {ACTIONS.map(({ action, label }) => (
              <Button
                key={action}
                size="small"
                variant="outlined"
                color="primary"
                disabled={busy}
                onClick={() => run({ ids, action }).catch(() => {})}
              >
                {label}
              </Button>
            ))}
            <Button
              size="small"
              variant="outlined"
              disabled={busy}
              onClick={() => setRiskOpen(true)}
            >
              Request risk acceptance / false positive
            </Button>
            <Box flexGrow={1} />
            <Button size="small" disabled={busy} onClick={props.onClear}>
              Clear selection
            </Button>
          </Box>
        </Paper>
      )}
      <RiskRequestDialog
        open={riskOpen}
        title={`Ask security to accept ${ids.length} findings`}
        onClose={() => setRiskOpen(false)}
        onSubmit={(request: CreateRiskRequest) =>
          run({ ids, action: 'request_risk', ...request })
        }
      />
    </Box>
  );
}
