import { useState } from 'react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import {
  ENVIRONMENTS,
  type ApiKeyView,
  type ApimEnvironment,
  type Application,
  type IssuedApiKey,
} from '@portico/plugin-apim-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apimApiRef } from '../../api';
import { ENVIRONMENT_LABELS, formatDateTime, shortRef } from '../../format';
import { ConfirmDialog } from '../ConfirmDialog';
import { CreateKeyDialog } from '../CreateKeyDialog';
import { KeyStatusChip } from '../KeyStatusChip';
import { RotateKeyDialog } from '../RotateKeyDialog';
import { SecretDialog } from '../SecretDialog';

const isLive = (key: ApiKeyView) =>
  key.status === 'active' || key.status === 'expiring';

function expiryOf(key: ApiKeyView): string {
  if (key.revokedAt) return `revoked ${formatDateTime(key.revokedAt)}`;
  return key.expiresAt ? formatDateTime(key.expiresAt) : 'never';
}

function KeyRow(props: {
  apiKey: ApiKeyView;
  canManage: boolean;
  onRotate: (key: ApiKeyView) => void;
  onRevoke: (key: ApiKeyView) => void;
}) {
  const { apiKey: key, canManage } = props;
  const display = `${key.prefix}…${key.last4}`;
  return (
    <TableRow aria-label={display}>
      <TableCell>
        <code>{display}</code>
      </TableCell>
      <TableCell>
        <KeyStatusChip status={key.status} />
        {key.graceUntil && isLive(key) && (
          <Typography variant="caption" display="block" color="textSecondary">
            replaced; works until {formatDateTime(key.graceUntil)}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {formatDateTime(key.createdAt)}
        <Typography variant="caption" display="block" color="textSecondary">
          by {shortRef(key.createdBy)}
        </Typography>
      </TableCell>
      <TableCell>{expiryOf(key)}</TableCell>
      <TableCell>
        {key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'}
      </TableCell>
      <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
        {canManage && isLive(key) && (
          <>
            {!key.replacedBy && (
              <Button size="small" onClick={() => props.onRotate(key)}>
                Rotate
              </Button>
            )}
            <Button
              size="small"
              color="secondary"
              onClick={() => props.onRevoke(key)}
            >
              Revoke
            </Button>
          </>
        )}
      </TableCell>
    </TableRow>
  );
}

function EnvironmentKeys(props: {
  environment: ApimEnvironment;
  keys: ApiKeyView[];
  canManage: boolean;
  onCreate: (environment: ApimEnvironment) => void;
  onRotate: (key: ApiKeyView) => void;
  onRevoke: (key: ApiKeyView) => void;
}) {
  const { environment, keys, canManage } = props;
  const [showInactive, setShowInactive] = useState(false);
  const live = keys.filter(isLive);
  const inactive = keys.filter(key => !isLive(key));
  const shown = showInactive ? keys : live;
  const label = ENVIRONMENT_LABELS[environment];
  return (
    <Box component="section" mb={3} aria-label={`${label} keys`}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="h6" component="h3">
          {label}
        </Typography>
        {canManage && (
          <Button
            size="small"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => props.onCreate(environment)}
          >
            Create {label} key
          </Button>
        )}
      </Box>
      {shown.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No active key in {label}.
          {canManage
            ? ' Create one to call the APIs the application is subscribed to here.'
            : ''}
        </Typography>
      ) : (
        <Table size="small" aria-label={`${label} keys`}>
          <TableHead>
            <TableRow>
              <TableCell>Key</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Created</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>Last used</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(key => (
              <KeyRow
                key={key.id}
                apiKey={key}
                canManage={canManage}
                onRotate={props.onRotate}
                onRevoke={props.onRevoke}
              />
            ))}
          </TableBody>
        </Table>
      )}
      {inactive.length > 0 && (
        <Button size="small" onClick={() => setShowInactive(!showInactive)}>
          {showInactive
            ? 'Hide revoked and expired keys'
            : `Show ${inactive.length} revoked or expired key${
                inactive.length === 1 ? '' : 's'
              }`}
        </Button>
      )}
    </Box>
  );
}

/**
 * The application's keys, environment by environment: a sandbox key never opens production.
 * Secrets are shown once, right after creation or rotation, and never kept.
 */
export function ApplicationKeys(props: {
  application: Application;
  canManage: boolean;
}) {
  const { application, canManage } = props;
  const apimApi = useApi(apimApiRef);
  const [creatingIn, setCreatingIn] = useState<ApimEnvironment>();
  const [rotating, setRotating] = useState<ApiKeyView>();
  const [revoking, setRevoking] = useState<ApiKeyView>();
  const [issued, setIssued] = useState<{ key: IssuedApiKey; note?: string }>();
  const {
    value: keys,
    loading,
    error,
    retry,
  } = useAsyncRetry(
    () => apimApi.listKeys(application.id),
    [apimApi, application.id],
  );

  const environments = ENVIRONMENTS.filter(
    environment =>
      application.environments.includes(environment) ||
      keys?.some(key => key.environment === environment),
  );

  let body: JSX.Element;
  if (error) {
    body = <ResponseErrorPanel title="Could not load the keys" error={error} />;
  } else if (!keys) {
    body = <Progress />;
  } else {
    body = (
      <>
        {loading && <Progress />}
        {environments.map(environment => (
          <EnvironmentKeys
            key={environment}
            environment={environment}
            keys={keys.filter(key => key.environment === environment)}
            canManage={canManage}
            onCreate={setCreatingIn}
            onRotate={setRotating}
            onRevoke={setRevoking}
          />
        ))}
      </>
    );
  }

  return (
    <InfoCard
      title="API keys"
      subheader="One set of keys per environment. Keys are shown once, when they are created."
    >
      {body}
      <CreateKeyDialog
        application={application}
        environment={creatingIn}
        onClose={() => setCreatingIn(undefined)}
        onIssued={key => {
          setCreatingIn(undefined);
          setIssued({ key });
          retry();
        }}
      />
      <RotateKeyDialog
        apiKey={rotating}
        onClose={() => setRotating(undefined)}
        onIssued={(key, note) => {
          setRotating(undefined);
          setIssued({ key, note });
          retry();
        }}
      />
      {revoking && (
        <ConfirmDialog
          open
          title="Revoke this key?"
          confirmLabel="Revoke key"
          onClose={() => setRevoking(undefined)}
          onConfirm={async () => {
            await apimApi.revokeKey(revoking.id);
            retry();
          }}
        >
          <DialogContentText>
            <code>
              {revoking.prefix}…{revoking.last4}
            </code>{' '}
            stops working in {ENVIRONMENT_LABELS[revoking.environment]} at once,
            with no grace period. Whatever still uses it will be refused.
          </DialogContentText>
        </ConfirmDialog>
      )}
      <SecretDialog
        issued={issued?.key}
        note={issued?.note}
        onClose={() => setIssued(undefined)}
      />
    </InfoCard>
  );
}
