import { useRef, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Snackbar from '@material-ui/core/Snackbar';
import Alert from '@material-ui/lab/Alert';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import {
  securityReportIngestPermission,
  SEVERITIES,
  type Counts,
  type IngestSummary,
} from '@portico/plugin-security-common';
import { describeError, securityApiRef } from '../../api';

function total(counts: Counts): number {
  return SEVERITIES.reduce((sum, s) => sum + counts[s], 0);
}

export function describeSummary(summary: IngestSummary): string {
  if (summary.duplicate)
    return `This report was ingested already (${summary.artifact}): nothing changed.`;
  return `${summary.artifact}: ${total(summary.opened)} opened (${
    summary.opened.critical
  } critical, ${summary.opened.high} high), ${total(
    summary.seenAgain,
  )} seen again, ${total(summary.reopened)} reopened, ${total(
    summary.fixed,
  )} fixed.`;
}

/** For members of security: upload a `trivy --format json` report; the server validates it. */
export function UploadReportButton({ onUploaded }: { onUploaded: () => void }) {
  const securityApi = useApi(securityApiRef);
  const allowed = usePermission({
    permission: securityReportIngestPermission,
  }).allowed;
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{
    severity: 'success' | 'error';
    text: string;
  }>();
  const [busy, setBusy] = useState(false);
  if (!allowed) return null;

  const upload = async (file: File) => {
    setBusy(true);
    try {
      let report: unknown;
      try {
        report = JSON.parse(await file.text());
      } catch {
        throw new Error(
          `${file.name} is not JSON: upload the output of trivy --format json`,
        );
      }
      const summary = await securityApi.uploadTrivyReport(report);
      setMessage({ severity: 'success', text: describeSummary(summary) });
      onUploaded();
    } catch (error) {
      setMessage({ severity: 'error', text: describeError(error as Error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="trivy-upload"
        onChange={event => {
          const file = event.target.files?.[0];
          if (file) upload(file);
        }}
      />
      <Button
        variant="outlined"
        color="primary"
        startIcon={<CloudUploadIcon />}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        Upload a Trivy report
      </Button>
      <Snackbar
        open={Boolean(message)}
        onClose={() => setMessage(undefined)}
        autoHideDuration={15000}
      >
        {message ? (
          <Alert
            severity={message.severity}
            onClose={() => setMessage(undefined)}
          >
            {message.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </>
  );
}
