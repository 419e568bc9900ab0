import { useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { Openapi30Export } from '../../api';
import { apimApiRef, describeError } from '../../api';

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  URL.revokeObjectURL(url);
}

/**
 * Downloads the API's definition as OpenAPI 3.0 (for gateways that read nothing newer) and says
 * what the conversion had to drop, so that nobody is surprised by what the gateway ignores.
 */
export function ExportOpenapi30(props: { apiRef: string }) {
  const apimApi = useApi(apimApiRef);
  const [result, setResult] = useState<Openapi30Export>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const exported = await apimApi.exportOpenapi30(props.apiRef);
      setResult(exported);
      download(exported.filename, exported.yaml);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Button variant="outlined" size="small" onClick={run} disabled={busy}>
        Export as OpenAPI 3.0
      </Button>
      {error && (
        <Box mt={1}>
          <Alert severity="error">{describeError(error)}</Alert>
        </Box>
      )}
      {result && (
        <Box mt={1}>
          <Typography variant="body2">
            Downloaded {result.filename}: {result.converted.length} change(s) to fit 3.0
            {result.dropped.length === 0 ? ', nothing dropped.' : '. Not expressible in 3.0 and dropped:'}
          </Typography>
          {result.dropped.length > 0 && (
            <ul aria-label="Dropped in OpenAPI 3.0">
              {result.dropped.map(line => (
                <li key={line}>
                  <Typography variant="body2" component="span">
                    {line}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </Box>
      )}
    </Box>
  );
}
