import { CodeSnippet } from '@backstage/core-components';
import type { PorticoEvent } from '@portico/plugin-portico-common';

/** The event exactly as consumers receive it, as formatted JSON. */
export function EventEnvelope(props: { event: PorticoEvent }) {
  return (
    <CodeSnippet
      language="json"
      text={JSON.stringify(props.event, null, 2)}
      showCopyCodeButton
      wrapLongLines
    />
  );
}
