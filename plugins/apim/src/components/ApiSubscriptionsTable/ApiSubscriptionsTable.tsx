import { useState } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Subscription } from '@portico/plugin-apim-common';
import { ENVIRONMENT_LABELS } from '../../format';
import { DecisionDialog, type Decision } from '../DecisionDialog';
import { SubscriptionStateChip } from '../SubscriptionStateChip';

/**
 * Subscriptions to one API with the applications behind them; pending ones can be decided from
 * here by the API's owners (the server refuses a decision on one's own request).
 */
export function ApiSubscriptionsTable(props: {
  subscriptions: Subscription[];
  canDecide: boolean;
  onDecided: () => void;
}) {
  const { subscriptions, canDecide } = props;
  const [deciding, setDeciding] = useState<{
    subscription: Subscription;
    decision: Decision;
  }>();
  return (
    <>
      <Table size="small" aria-label="Subscriptions">
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Plan</TableCell>
            <TableCell>Environment</TableCell>
            <TableCell>State</TableCell>
            {canDecide && <TableCell />}
          </TableRow>
        </TableHead>
        <TableBody>
          {subscriptions.map(s => (
            <TableRow
              key={s.id}
              aria-label={`${s.applicationName} ${s.plan} ${s.environment}`}
            >
              <TableCell>
                <Typography variant="body2">{s.applicationName}</Typography>
                <EntityRefLink
                  entityRef={s.applicationOwner}
                  defaultKind="group"
                />
              </TableCell>
              <TableCell>{s.plan}</TableCell>
              <TableCell>
                {ENVIRONMENT_LABELS[s.environment] ?? s.environment}
              </TableCell>
              <TableCell>
                <SubscriptionStateChip state={s.state} />
              </TableCell>
              {canDecide && (
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {s.state === 'pending' && (
                    <>
                      <Button
                        size="small"
                        color="primary"
                        onClick={() =>
                          setDeciding({ subscription: s, decision: 'approve' })
                        }
                        aria-label={`Approve ${s.applicationName}`}
                      >
                        Approve
                      </Button>
                      <Button
                        size="small"
                        onClick={() =>
                          setDeciding({ subscription: s, decision: 'reject' })
                        }
                        aria-label={`Reject ${s.applicationName}`}
                      >
                        Reject
                      </Button>
                    </>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {deciding && (
        <DecisionDialog
          subscription={deciding.subscription}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={() => {
            setDeciding(undefined);
            props.onDecided();
          }}
        />
      )}
      {subscriptions.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No application is subscribed yet.
        </Typography>
      )}
    </>
  );
}
