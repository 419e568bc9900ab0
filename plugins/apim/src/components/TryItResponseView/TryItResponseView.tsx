import { useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tab from '@material-ui/core/Tab';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type { TryItResponse } from '@portico/plugin-apim-common';

function statusColour(theme: Theme, status: number): string {
  if (status >= 500) return theme.palette.error.main;
  if (status >= 400) return theme.palette.warning.main;
  if (status >= 300) return theme.palette.info.main;
  return theme.palette.success.main;
}

const useStyles = makeStyles(theme => ({
  status: (props: { status: number }) => ({
    backgroundColor: statusColour(theme, props.status),
    color: theme.palette.getContrastText(statusColour(theme, props.status)),
    fontWeight: 600,
  }),
  summary: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  url: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

function contentTypeOf(response: TryItResponse): string {
  const entry = Object.entries(response.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  );
  return entry?.[1] ?? '';
}

/** The body as the reader wants it: JSON indented, text as is, binary said to be binary. */
export function presentBody(response: TryItResponse): {
  text: string;
  language: string;
} {
  if (response.bodyEncoding === 'base64' || typeof response.body !== 'string') {
    return { text: String(response.body ?? ''), language: 'text' };
  }
  const contentType = contentTypeOf(response);
  const looksJson = /json/.test(contentType) || /^\s*[[{]/.test(response.body);
  if (looksJson && !response.truncated) {
    try {
      return {
        text: JSON.stringify(JSON.parse(response.body), null, 2),
        language: 'json',
      };
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  if (/xml/.test(contentType)) return { text: response.body, language: 'xml' };
  if (/html/.test(contentType))
    return { text: response.body, language: 'html' };
  return { text: response.body, language: 'text' };
}

/** The answer of the API: status, timing, headers and body. */
export function TryItResponseView(props: { response: TryItResponse }) {
  const { response } = props;
  const classes = useStyles({ status: response.status });
  const [tab, setTab] = useState<'body' | 'headers'>('body');
  const body = presentBody(response);
  const headers = Object.entries(response.headers ?? {});

  return (
    <section aria-label="Response">
      <div className={classes.summary}>
        <Chip
          className={classes.status}
          label={`${response.status} ${response.statusText}`.trim()}
          aria-label={`Status ${response.status}`}
        />
        <Typography variant="body2" aria-label="Duration">
          {Math.round(response.durationMs)} ms
        </Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.url}
        >
          {response.url}
        </Typography>
      </div>
      {response.truncated && (
        <Box mt={1}>
          <Alert severity="info">
            The body was longer than the console shows; it is cut.
          </Alert>
        </Box>
      )}
      <Tabs
        value={tab}
        onChange={(_event, value) => setTab(value)}
        indicatorColor="primary"
        aria-label="Response parts"
      >
        <Tab value="body" label="Body" />
        <Tab value="headers" label={`Headers (${headers.length})`} />
      </Tabs>
      <Box mt={1}>
        {tab === 'body' &&
          (body.text ? (
            <>
              {response.bodyEncoding === 'base64' && (
                <Typography variant="body2" color="textSecondary">
                  Binary body, shown in base64.
                </Typography>
              )}
              <CodeSnippet
                text={body.text}
                language={body.language}
                showCopyCodeButton
                wrapLongLines
              />
            </>
          ) : (
            <Typography variant="body2" color="textSecondary">
              The response has no body.
            </Typography>
          ))}
        {tab === 'headers' && (
          <Table size="small" aria-label="Response headers">
            <TableBody>
              {headers.map(([name, value]) => (
                <TableRow key={name}>
                  <TableCell component="th" scope="row">
                    <code>{name}</code>
                  </TableCell>
                  <TableCell style={{ wordBreak: 'break-all' }}>
                    {value}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </section>
  );
}
