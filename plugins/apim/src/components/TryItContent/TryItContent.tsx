import { useMemo } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { apimTryItPermission } from '@portico/plugin-apim-common';
import useAsync from 'react-use/esm/useAsync';
import { apimApiRef } from '../../api';
import { readDefinition } from '../../definition';
import { useTryItApplications } from '../../hooks';
import { applicationsRouteRef } from '../../routes';
import { TryItConsole } from '../TryItConsole';

/**
 * The Try-It tab of an API entity. Whatever goes wrong (a definition that does not parse, no
 * servers, no operation, no subscription) is said on the tab: it is never blank.
 */
export function TryItContent() {
  const { entity } = useEntity();
  const apiRef = stringifyEntityRef(entity);
  const apimApi = useApi(apimApiRef);
  const applicationsLink =
    useRouteRef(applicationsRouteRef)?.() ?? '/applications';
  const permission = usePermission({ permission: apimTryItPermission });
  const details = useAsync(() => apimApi.getApi(apiRef), [apimApi, apiRef]);
  const applications = useTryItApplications(apiRef);

  const definitionText = (entity.spec as { definition?: unknown } | undefined)
    ?.definition;
  const definition = useMemo(
    () =>
      readDefinition(
        typeof definitionText === 'string' ? definitionText : undefined,
      ),
    [definitionText],
  );

  if (details.error) {
    return (
      <ResponseErrorPanel
        title="Could not load this API from the portal"
        error={details.error}
      />
    );
  }
  if (details.loading || !details.value) {
    return <Progress />;
  }
  const api = details.value;

  if (api.definitionError) {
    return (
      <WarningPanel
        severity="error"
        title="The definition of this API cannot be read, so it cannot be tried"
        message={api.definitionError}
        defaultExpanded
      >
        Its owners can fix <code>spec.definition</code> in the catalog YAML of{' '}
        {entity.metadata.name}; the Definition tab shows the text as it is now.
      </WarningPanel>
    );
  }
  if (api.operations.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="This API declares no operation"
        description="Try-It calls the operations of the definition's paths; this one has none."
      />
    );
  }
  if (!api.servers.some(server => server.environment)) {
    return (
      <EmptyState
        missing="field"
        title="No server is declared for an environment"
        description="Try-It only calls servers of the definition marked with x-portico-environment (sandbox, staging or production). Ask the API's owners to declare them."
      />
    );
  }

  return (
    <>
      {!permission.loading && !permission.allowed && (
        <Box mb={2}>
          <Alert severity="info">
            You may read this console and its code samples, but not send
            requests: ask for the apim.tryit.use permission.
          </Alert>
        </Box>
      )}
      {applications.error && (
        <Box mb={2}>
          <ResponseErrorPanel
            title="Could not load your applications"
            error={applications.error}
          />
        </Box>
      )}
      <TryItConsole
        api={api}
        apiRef={apiRef}
        document={definition.document}
        prefillProblem={definition.error}
        applications={applications}
        applicationsLink={applicationsLink}
        canSend={permission.allowed}
      />
    </>
  );
}
