import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import type { Application } from '@portico/plugin-apim-common';
import { formatDateTime, shortRef } from '../../format';
import { DeleteApplicationDialog } from '../DeleteApplicationDialog';
import { EditApplicationDialog } from '../EditApplicationDialog';
import { EnvironmentChips } from '../EnvironmentChips';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    margin: 0,
    '& dd': { margin: 0 },
  },
  id: { fontFamily: 'monospace', fontSize: '0.8rem', wordBreak: 'break-all' },
}));

/** What the application is, and (for its owners and portal admins) edit and delete. */
export function ApplicationAbout(props: {
  application: Application;
  canManage: boolean;
  onChanged: (application: Application) => void;
  onDeleted: () => void;
}) {
  const classes = useStyles();
  const { application, canManage } = props;
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  return (
    <InfoCard
      title="About"
      actions={
        canManage ? (
          <>
            <Button startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button
              startIcon={<DeleteIcon />}
              color="secondary"
              onClick={() => setDeleting(true)}
            >
              Delete
            </Button>
          </>
        ) : undefined
      }
    >
      <dl className={classes.facts}>
        <Typography component="dt" variant="body2" color="textSecondary">
          Description
        </Typography>
        <Typography component="dd" variant="body2">
          {application.description || '—'}
        </Typography>
        <Typography component="dt" variant="body2" color="textSecondary">
          Owner
        </Typography>
        <dd>
          <EntityRefLink entityRef={application.owner} defaultKind="group" />
        </dd>
        <Typography component="dt" variant="body2" color="textSecondary">
          Environments
        </Typography>
        <dd>
          <EnvironmentChips environments={application.environments} />
        </dd>
        <Typography component="dt" variant="body2" color="textSecondary">
          Created
        </Typography>
        <Typography component="dd" variant="body2">
          {formatDateTime(application.createdAt)} by{' '}
          {shortRef(application.createdBy)}
        </Typography>
        <Typography component="dt" variant="body2" color="textSecondary">
          Id
        </Typography>
        <dd className={classes.id}>{application.id}</dd>
      </dl>
      {!canManage && (
        <Typography variant="body2" color="textSecondary">
          Only members of {shortRef(application.owner)} and portal admins can
          change this application.
        </Typography>
      )}
      {canManage && (
        <>
          <EditApplicationDialog
            application={application}
            open={editing}
            onClose={() => setEditing(false)}
            onSaved={saved => {
              setEditing(false);
              props.onChanged(saved);
            }}
          />
          <DeleteApplicationDialog
            application={application}
            open={deleting}
            onClose={() => setDeleting(false)}
            onDeleted={props.onDeleted}
          />
        </>
      )}
    </InfoCard>
  );
}
