import { CopyTextButton } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { IssuedApiKey } from '@portico/plugin-apim-common';
import { ENVIRONMENT_LABELS, formatDateTime } from '../../format';

const useStyles = makeStyles(theme => ({
  secret: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    margin: theme.spacing(2, 0),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
  },
  code: {
    flexGrow: 1,
    fontFamily: 'monospace',
    fontSize: '1rem',
    wordBreak: 'break-all',
    userSelect: 'all',
  },
}));

/**
 * The one and only time a key's secret is shown. The secret lives in this dialog's props only:
 * closing it drops it, and Portico keeps nothing but a hash.
 */
export function SecretDialog(props: {
  issued?: IssuedApiKey;
  /** Said under the key, e.g. how long the rotated key keeps working. */
  note?: string;
  onClose: () => void;
}) {
  const classes = useStyles();
  const { issued } = props;
  return (
    <Dialog
      open={Boolean(issued)}
      // Only the button closes it: a stray click outside must not lose the secret.
      disableEscapeKeyDown
      aria-labelledby="apim-secret-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="apim-secret-title">
        {issued &&
          `Your new ${ENVIRONMENT_LABELS[issued.key.environment]} API key`}
      </DialogTitle>
      {issued && (
        <DialogContent>
          <Alert severity="warning">
            <strong>Copy this key now: you will not see it again.</strong>{' '}
            Portico stores only a hash of it. If you lose it, rotate the key to
            get a new one.
          </Alert>
          <div className={classes.secret}>
            <code className={classes.code} aria-label="API key secret">
              {issued.secret}
            </code>
            <CopyTextButton
              text={issued.secret}
              aria-label="Copy the API key"
              tooltipText="Key copied to clipboard"
            />
          </div>
          <Typography variant="body2" color="textSecondary">
            Send it in the header the API documents (for example{' '}
            <code>X-API-Key</code>) from your server side only; never ship it in
            a browser or a mobile app.
            {issued.key.expiresAt &&
              ` It expires on ${formatDateTime(issued.key.expiresAt)}.`}
          </Typography>
          {props.note && (
            <Typography variant="body2" style={{ marginTop: 8 }}>
              {props.note}
            </Typography>
          )}
        </DialogContent>
      )}
      <DialogActions>
        <Button variant="contained" color="primary" onClick={props.onClose}>
          I have copied the key
        </Button>
      </DialogActions>
    </Dialog>
  );
}
