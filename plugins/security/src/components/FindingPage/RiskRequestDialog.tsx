import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type {
  CreateRiskRequest,
  RiskKind,
} from '@portico/plugin-security-common';
import { describeError } from '../../api';

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Asks security to accept a risk or to declare a false positive: why, and until when. */
export function RiskRequestDialog(props: {
  open: boolean;
  title?: string;
  onClose: () => void;
  onSubmit: (request: CreateRiskRequest) => Promise<void>;
}) {
  const [kind, setKind] = useState<RiskKind>('risk_accepted');
  const [justification, setJustification] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit({
        kind,
        justification,
        expiresAt: new Date(`${expires}T23:59:59Z`).toISOString(),
      });
      props.onClose();
    } catch (e) {
      setError(describeError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="risk-request-title"
    >
      <DialogTitle id="risk-request-title">
        {props.title ?? 'Ask security to accept this finding'}
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField
          select
          fullWidth
          margin="normal"
          id="risk-request-kind"
          label="Kind"
          value={kind}
          onChange={e => setKind(e.target.value as RiskKind)}
        >
          <MenuItem value="risk_accepted">Accept the risk</MenuItem>
          <MenuItem value="false_positive">False positive</MenuItem>
        </TextField>
        <TextField
          fullWidth
          multiline
          minRows={3}
          margin="normal"
          id="risk-request-justification"
          label="Justification"
          helperText="Why this is acceptable (at least 20 characters): exposure, compensating controls, plan"
          value={justification}
          onChange={e => setJustification(e.target.value)}
        />
        <TextField
          type="date"
          margin="normal"
          id="risk-request-expires"
          label="Expires on"
          InputLabelProps={{ shrink: true }}
          helperText="The finding opens again on that day"
          value={expires}
          onChange={e => setExpires(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy}
          onClick={submit}
        >
          Ask for approval
        </Button>
      </DialogActions>
    </Dialog>
  );
}
