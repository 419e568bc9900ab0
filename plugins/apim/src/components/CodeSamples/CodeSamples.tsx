import { useEffect, useState } from 'react';
import { CodeSnippet } from '@backstage/core-components';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import type { CodeSample } from '@portico/plugin-apim-common';

/** Names the highlighter knows for the languages the backend generates. */
const HIGHLIGHT: Record<string, string> = {
  curl: 'bash',
  shell: 'bash',
  sh: 'bash',
  node: 'javascript',
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  golang: 'go',
  csharp: 'csharp',
  'c#': 'csharp',
};

/** The same request as code, one tab per language, each with its copy button. */
export function CodeSamples(props: { samples: CodeSample[] }) {
  const { samples } = props;
  const [selected, setSelected] = useState(0);
  useEffect(() => {
    if (selected >= samples.length) setSelected(0);
  }, [samples, selected]);
  const sample = samples[selected] ?? samples[0];
  if (!sample) {
    return (
      <Typography variant="body2" color="textSecondary">
        No code samples for this request.
      </Typography>
    );
  }
  const language = sample.language.toLowerCase();
  return (
    <section aria-label="Code samples">
      <Tabs
        value={selected}
        onChange={(_event, value) => setSelected(value)}
        indicatorColor="primary"
        variant="scrollable"
        scrollButtons="auto"
        aria-label="Languages"
      >
        {samples.map((s, index) => (
          <Tab key={`${s.language}-${s.label}`} value={index} label={s.label} />
        ))}
      </Tabs>
      <CodeSnippet
        text={sample.code}
        language={HIGHLIGHT[language] ?? language}
        showCopyCodeButton
        wrapLongLines
      />
      <Typography variant="caption" color="textSecondary">
        The key is a placeholder: read your application's key from a secret
        store, never from source code.
      </Typography>
    </section>
  );
}
