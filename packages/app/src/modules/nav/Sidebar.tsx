import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import SearchIcon from '@material-ui/icons/Search';
import { SidebarSearchModal } from '@backstage/plugin-search';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import {
  EVENTS_NAV_ITEM_ID,
  VisibleToEventReaders,
} from '@portico/plugin-portico';
import {
  API_PORTAL_NAV_ITEM_ID,
  APPLICATIONS_NAV_ITEM_ID,
} from '@portico/plugin-apim';
import {
  PROMOTIONS_NAV_ITEM_ID,
  PromotionsSidebarItem,
} from '@portico/plugin-promotions';
import {
  MONITORING_NAV_ITEM_ID,
  MonitoringSidebarItem,
} from '@portico/plugin-monitoring';

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      // Skipped items
      nav.take('page:search'); // Using search modal instead
      nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead
      // Shown only to those allowed to read events (portal admins)
      const eventsNavItem = nav.take(EVENTS_NAV_ITEM_ID);
      // Replaced by an item that counts what awaits the user's approval
      nav.take(PROMOTIONS_NAV_ITEM_ID);
      // Replaced by an item that counts the alerts firing for the user's teams
      nav.take(MONITORING_NAV_ITEM_ID);

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Search" icon={<SearchIcon />} to="/search">
            <SidebarSearchModal />
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:home')}
            {nav.take('page:catalog')}
            {/* Consuming APIs: find one, then manage the applications that call it */}
            {nav.take(API_PORTAL_NAV_ITEM_ID)}
            {nav.take(APPLICATIONS_NAV_ITEM_ID)}
            {/* Shipping and asking: promotions to PROD, the service desk */}
            <PromotionsSidebarItem />
            {nav.take('page:servicedesk')}
            {nav.take('page:security')}
            {nav.take('page:scaffolder')}
            <MonitoringSidebarItem />
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
              <VisibleToEventReaders>{eventsNavItem}</VisibleToEventReaders>
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});
