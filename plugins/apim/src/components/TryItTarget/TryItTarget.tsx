import { Link } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type {
  ApiServer,
  ApimEnvironment,
  Application,
} from '@portico/plugin-apim-common';
import { ENVIRONMENT_LABELS } from '../../format';

type TryItTargetProps = {
  environments: ApimEnvironment[];
  environment?: ApimEnvironment;
  servers: ApiServer[];
  serverUrl?: string;
  applications: Application[];
  applicationId?: string;
  /** The caller has applications, just none subscribed here. */
  hasApplications: boolean;
  loadingApplications?: boolean;
  applicationsLink: string;
  onEnvironment: (environment: ApimEnvironment) => void;
  onServer: (url: string) => void;
  onApplication: (id: string) => void;
};

/** The application to call as, or why there is none to choose. */
function ApplicationChoice(props: TryItTargetProps) {
  const { applications, environment } = props;
  const label = environment ? ENVIRONMENT_LABELS[environment] : '';
  if (props.loadingApplications && applications.length === 0) {
    return (
      <Alert severity="info" icon={false}>
        Looking for your applications subscribed to this API…
      </Alert>
    );
  }
  if (applications.length === 0) {
    return (
      <Alert severity="info">
        {props.hasApplications
          ? `None of your applications has an active subscription to this API in ${label}.`
          : 'You have no application yet.'}{' '}
        <Link to={props.applicationsLink}>
          {props.hasApplications
            ? 'Subscribe one'
            : 'Create one and subscribe it'}
        </Link>{' '}
        to send requests; the code samples work without.
      </Alert>
    );
  }
  return (
    <TextField
      id="apim-tryit-application"
      select
      label="Call as application"
      value={props.applicationId ?? ''}
      onChange={event => props.onApplication(event.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      fullWidth
      margin="dense"
      helperText={`Portico adds this application's ${label} key on the server: it never reaches your browser.`}
    >
      {applications.map(application => (
        <option key={application.id} value={application.id}>
          {application.name}
        </option>
      ))}
    </TextField>
  );
}

/** Where the request goes (environment and declared server) and which application it calls as. */
export function TryItTarget(props: TryItTargetProps) {
  const { environment, servers } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} sm={4}>
        <TextField
          id="apim-tryit-environment"
          select
          label="Environment"
          value={environment ?? ''}
          onChange={event =>
            props.onEnvironment(event.target.value as ApimEnvironment)
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          fullWidth
          margin="dense"
        >
          {props.environments.map(e => (
            <option key={e} value={e}>
              {ENVIRONMENT_LABELS[e]}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} sm={8}>
        <TextField
          id="apim-tryit-server"
          select
          label="Server"
          value={props.serverUrl ?? ''}
          onChange={event => props.onServer(event.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          variant="outlined"
          fullWidth
          margin="dense"
          helperText={servers.find(s => s.url === props.serverUrl)?.description}
        >
          {servers.map(server => (
            <option key={server.url} value={server.url}>
              {server.url}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12}>
        <ApplicationChoice {...props} />
      </Grid>
    </Grid>
  );
}
