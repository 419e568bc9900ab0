import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const welcome = `
Portico is the developer portal for our APIs, releases, service desk, security and operations.

- **[API Portal](/api-portal)**: find an API, pick a plan, subscribe an application, get keys, try it.
- **[Promotions](/promotions)**: ask to promote a version from STAGING to PROD; someone else of your tenant approves.
- **[Service desk](/servicedesk)**: request a service (VPN, password reset, hardware…); many run themselves.
- **[Catalog](/catalog)**: systems, components, APIs, teams and people.
- **[Create](/create)**: golden-path templates that run the automations.

Your roles are your catalog groups: open your profile from **Settings** to see them.
`;

const welcomeWidget = HomePageWidgetBlueprint.make({
  name: 'welcome',
  params: {
    name: 'PorticoWelcome',
    title: 'Welcome to Portico',
    description: 'What you can do in Portico',
    components: async () => ({
      Content: () => <MarkdownContent content={welcome} />,
    }),
  },
});

// Same extension id and widget name as the home plugin's own Recently Visited widget: this module
// replaces it (saved home layouts keep working), with a list that passes axe.
const recentlyVisitedWidget = HomePageWidgetBlueprint.make({
  name: 'recently-visited',
  params: {
    name: 'HomePageRecentlyVisited',
    title: 'Recently visited',
    description: 'The pages you opened last',
    components: async () => {
      const { RecentlyVisited } = await import('./RecentlyVisited');
      return { Content: RecentlyVisited };
    },
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [welcomeWidget, recentlyVisitedWidget],
});
