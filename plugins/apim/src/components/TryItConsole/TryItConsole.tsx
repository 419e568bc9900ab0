import { useEffect, useMemo, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import CodeIcon from '@material-ui/icons/Code';
import SendIcon from '@material-ui/icons/Send';
import Alert from '@material-ui/lab/Alert';
import {
  ENVIRONMENTS,
  codeSamplesRequestSchema,
  tryItRequestSchema,
  type ApiDetails,
  type ApiOperation,
  type CodeSample,
  type TryItResponse,
} from '@portico/plugin-apim-common';
import { apimApiRef, describeError } from '../../api';
import {
  operationTemplate,
  type OperationParameter,
  type OperationTemplate,
} from '../../definition';
import type { TryItApplications } from '../../hooks';
import { CodeSamples } from '../CodeSamples';
import { KeyValueEditor } from '../KeyValueEditor';
import { OperationPicker, operationKey } from '../OperationPicker';
import { ParameterFields } from '../ParameterFields';
import { RequestBodyEditor } from '../RequestBodyEditor';
import { TryItResponseView } from '../TryItResponseView';
import { TryItTarget } from '../TryItTarget';
import {
  buildTryItRequest,
  missingPathParams,
  previewUrl,
  type TryItDraft,
} from './request';

/** Methods whose form shows a body editor even when the definition declares no body. */
const BODY_METHODS = ['POST', 'PUT', 'PATCH'];

/** Values the form starts with: path parameters and required ones from the examples. */
function initialValues(
  template: OperationTemplate | undefined,
  place: OperationParameter['in'],
) {
  const values: Record<string, string> = {};
  for (const parameter of template?.parameters ?? []) {
    if (parameter.in !== place) continue;
    values[parameter.name] =
      parameter.example !== undefined &&
      (place === 'path' || parameter.required)
        ? parameter.example
        : '';
  }
  return values;
}

function pathParameters(operation: ApiOperation, template?: OperationTemplate) {
  // The definition may not say much: every {placeholder} of the path is a parameter anyway.
  const declared = (template?.parameters ?? []).filter(p => p.in === 'path');
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
  return names.map(
    name =>
      declared.find(p => p.name === name) ?? {
        name,
        in: 'path' as const,
        required: true,
      },
  );
}

function draftFor(
  apiRef: string,
  operation: ApiOperation,
  template: OperationTemplate | undefined,
  previous?: TryItDraft,
): TryItDraft {
  const takesBody =
    Boolean(template?.body) ||
    BODY_METHODS.includes(operation.method.toUpperCase());
  return {
    apiRef,
    method: operation.method,
    path: operation.path,
    environment: previous?.environment,
    serverUrl: previous?.serverUrl,
    applicationId: previous?.applicationId,
    pathParams: Object.fromEntries(
      pathParameters(operation, template).map(p => [p.name, p.example ?? '']),
    ),
    query: initialValues(template, 'query'),
    headers: initialValues(template, 'header'),
    extraQuery: [],
    extraHeaders: [],
    body: takesBody ? template?.body?.example ?? '' : undefined,
    contentType: takesBody
      ? template?.body?.contentType ?? 'application/json'
      : undefined,
  };
}

function withParameter(
  draft: TryItDraft,
  place: OperationParameter['in'],
  name: string,
  value: string,
): TryItDraft {
  switch (place) {
    case 'path':
      return { ...draft, pathParams: { ...draft.pathParams, [name]: value } };
    case 'query':
      return { ...draft, query: { ...draft.query, [name]: value } };
    case 'header':
      return { ...draft, headers: { ...draft.headers, [name]: value } };
    default:
      return draft;
  }
}

type Outcome =
  | { kind: 'response'; response: TryItResponse }
  | { kind: 'error'; message: string };

/** The Try-It console: build a request from the definition, send it through Portico, read the answer. */
export function TryItConsole(props: {
  api: ApiDetails;
  apiRef: string;
  /** The parsed definition, to prefill from its examples; absent when it cannot be read. */
  document?: Record<string, any>;
  prefillProblem?: string;
  applications: TryItApplications;
  applicationsLink: string;
  canSend: boolean;
}) {
  const { api, apiRef, document, applications } = props;
  const apimApi = useApi(apimApiRef);

  const environments = useMemo(
    () =>
      ENVIRONMENTS.filter(e =>
        api.servers.some(server => server.environment === e),
      ),
    [api.servers],
  );
  const [operation, setOperation] = useState<ApiOperation>(api.operations[0]);
  const template = useMemo(
    () =>
      document
        ? operationTemplate(document, operation.method, operation.path)
        : undefined,
    [document, operation],
  );
  const [draft, setDraft] = useState<TryItDraft>(() =>
    draftFor(apiRef, operation, template),
  );
  const [busy, setBusy] = useState<'send' | 'code'>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [samples, setSamples] = useState<CodeSample[]>();
  const [samplesError, setSamplesError] = useState<string>();

  // A new operation starts from its own examples, keeping where and as whom it is sent.
  useEffect(() => {
    setDraft(previous => draftFor(apiRef, operation, template, previous));
    setOutcome(undefined);
    setSamples(undefined);
  }, [apiRef, operation, template]);

  // Choose an environment (preferably one where an application of mine may call), a server and
  // an application whenever the current choice is not possible.
  const eligible = draft.environment
    ? applications.byEnvironment[draft.environment] ?? []
    : [];
  const servers = api.servers.filter(s => s.environment === draft.environment);
  useEffect(() => {
    setDraft(d => {
      let environment = d.environment;
      if (!environment || !environments.includes(environment)) {
        environment =
          environments.find(
            e => (applications.byEnvironment[e] ?? []).length > 0,
          ) ?? environments[0];
      }
      const envServers = api.servers.filter(s => s.environment === environment);
      const serverUrl = envServers.some(s => s.url === d.serverUrl)
        ? d.serverUrl
        : envServers[0]?.url;
      const envApps = environment
        ? applications.byEnvironment[environment] ?? []
        : [];
      const applicationId = envApps.some(a => a.id === d.applicationId)
        ? d.applicationId
        : envApps[0]?.id;
      return environment === d.environment &&
        serverUrl === d.serverUrl &&
        applicationId === d.applicationId
        ? d
        : { ...d, environment, serverUrl, applicationId };
    });
  }, [
    api.servers,
    environments,
    applications.byEnvironment,
    draft.environment,
  ]);

  const missing = missingPathParams(draft);
  const request = buildTryItRequest(draft);

  const generateSamples = async () => {
    const parsed = codeSamplesRequestSchema.safeParse(request);
    if (!parsed.success) {
      setSamplesError(parsed.error.issues[0]?.message);
      return;
    }
    try {
      setSamplesError(undefined);
      setSamples(await apimApi.codeSamples(parsed.data));
    } catch (e) {
      setSamplesError(describeError(e as Error));
    }
  };

  const send = async () => {
    const parsed = tryItRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setOutcome({
        kind: 'error',
        message: `${issue.path.join('.')}: ${issue.message}`,
      });
      return;
    }
    setBusy('send');
    setOutcome(undefined);
    const [called] = await Promise.allSettled([
      apimApi.tryIt(parsed.data),
      generateSamples(),
    ]);
    setBusy(undefined);
    setOutcome(
      called.status === 'fulfilled'
        ? { kind: 'response', response: called.value }
        : { kind: 'error', message: describeError(called.reason as Error) },
    );
  };

  const showCode = async () => {
    setBusy('code');
    await generateSamples();
    setBusy(undefined);
  };

  const values = {
    path: draft.pathParams,
    query: draft.query,
    header: draft.headers,
    cookie: {},
  };
  const parameters = [
    ...pathParameters(operation, template),
    ...(template?.parameters ?? []).filter(p => p.in !== 'path'),
  ];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Request">
          <OperationPicker
            operations={api.operations}
            value={operationKey(operation)}
            onChange={setOperation}
          />
          {template?.description && (
            <Box mb={1}>
              <Typography
                variant="body2"
                color="textSecondary"
                style={{ whiteSpace: 'pre-wrap' }}
              >
                {template.description.trim()}
              </Typography>
            </Box>
          )}
          {props.prefillProblem && (
            <Box mt={1}>
              <Alert severity="info">
                Examples could not be read from the definition (
                {props.prefillProblem}); fill the fields by hand.
              </Alert>
            </Box>
          )}
          <TryItTarget
            environments={environments}
            environment={draft.environment}
            servers={servers}
            serverUrl={draft.serverUrl}
            applications={eligible}
            applicationId={draft.applicationId}
            hasApplications={applications.mine > 0}
            loadingApplications={applications.loading}
            applicationsLink={props.applicationsLink}
            onEnvironment={environment =>
              setDraft(d => ({
                ...d,
                environment,
                serverUrl: undefined,
                applicationId: undefined,
              }))
            }
            onServer={serverUrl => setDraft(d => ({ ...d, serverUrl }))}
            onApplication={applicationId =>
              setDraft(d => ({ ...d, applicationId }))
            }
          />
          <ParameterFields
            parameters={parameters}
            values={values}
            missing={missing}
            onChange={(place, name, value) =>
              setDraft(d => withParameter(d, place, name, value))
            }
          />
          <Box mt={2}>
            <KeyValueEditor
              label="Query parameter"
              rows={draft.extraQuery}
              onChange={extraQuery => setDraft(d => ({ ...d, extraQuery }))}
            />
            <KeyValueEditor
              label="Header"
              rows={draft.extraHeaders}
              onChange={extraHeaders => setDraft(d => ({ ...d, extraHeaders }))}
            />
          </Box>
          {draft.body !== undefined && (
            <RequestBodyEditor
              value={draft.body}
              contentType={draft.contentType}
              required={Boolean(template?.body?.required)}
              example={template?.body?.example}
              onChange={body => setDraft(d => ({ ...d, body }))}
            />
          )}
          <Box mt={2}>
            <Typography variant="caption" color="textSecondary">
              {operation.method.toUpperCase()}
            </Typography>{' '}
            <code aria-label="Request URL" style={{ wordBreak: 'break-all' }}>
              {previewUrl(draft)}
            </code>
          </Box>
          <Box mt={2} display="flex" style={{ gap: 8 }}>
            <Button
              variant="contained"
              color="primary"
              startIcon={
                busy === 'send' ? <CircularProgress size={16} /> : <SendIcon />
              }
              disabled={
                !props.canSend ||
                Boolean(busy) ||
                !draft.applicationId ||
                !draft.serverUrl ||
                missing.length > 0
              }
              onClick={send}
            >
              Send
            </Button>
            <Button
              startIcon={
                busy === 'code' ? <CircularProgress size={16} /> : <CodeIcon />
              }
              disabled={Boolean(busy) || !draft.serverUrl}
              onClick={showCode}
            >
              Show code
            </Button>
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Response">
          {busy === 'send' && <Progress />}
          {!busy && !outcome && (
            <Typography variant="body2" color="textSecondary">
              Send the request to see the status, headers, body and timing here.
            </Typography>
          )}
          {outcome?.kind === 'error' && (
            <Alert severity="error" role="alert">
              {outcome.message}
            </Alert>
          )}
          {outcome?.kind === 'response' && (
            <TryItResponseView response={outcome.response} />
          )}
        </InfoCard>
        <Box mt={3}>
          <InfoCard title="Code samples">
            {samplesError && (
              <Alert severity="error" role="alert">
                Could not generate code samples: {samplesError}
              </Alert>
            )}
            {samples ? (
              <CodeSamples samples={samples} />
            ) : (
              !samplesError && (
                <Typography variant="body2" color="textSecondary">
                  “Show code” or “Send” gives this request in curl, JavaScript,
                  Python and more, with your key as a placeholder.
                </Typography>
              )
            )}
          </InfoCard>
        </Box>
      </Grid>
    </Grid>
  );
}
