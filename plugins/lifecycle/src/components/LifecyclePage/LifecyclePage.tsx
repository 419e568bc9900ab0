import { Content, Header, Page, TabbedLayout } from '@backstage/core-components';
import { MANDATORY_TAGS, TAG_ANNOTATION_PREFIX } from '@portico/plugin-lifecycle-common';
import Typography from '@material-ui/core/Typography';
import { CostCenterSummary } from '../CostCenterSummary';
import { ResourceList } from './ResourceList';

/** `/lifecycle`: expiring soon, tag violations, cost centres. */
export function LifecyclePage() {
  return (
    <Page themeId="tool">
      <Header
        title="Resource lifecycle"
        subtitle="Sandboxes and other resources with a time to live: notices 48 h and 24 h before expiry, teardown at expiry"
      />
      <Content>
        <TabbedLayout>
          <TabbedLayout.Route path="/expiring" title="Expiring soon">
            <ResourceList mode="expiring" />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/violations" title="Tag violations">
            <>
              <Typography variant="body2" paragraph>
                Every Resource carries the annotations {MANDATORY_TAGS.map(t => `${TAG_ANNOTATION_PREFIX}${t}`).join(', ')}.
                Resources that break the rules are never torn down automatically.
              </Typography>
              <ResourceList mode="violations" />
            </>
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/cost-centers" title="Cost centres">
            <CostCenterSummary />
          </TabbedLayout.Route>
        </TabbedLayout>
      </Content>
    </Page>
  );
}
