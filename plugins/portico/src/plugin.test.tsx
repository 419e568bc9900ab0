import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { porticoEventsReadPermission } from '@portico/plugin-portico-common';
import { firstPage } from './__testUtils__/fixtures';
import { permissionsAllowing } from './__testUtils__/permissions';
import { porticoEventsApiRef, PorticoEventsClient } from './api';
import { EVENTS_NAV_ITEM_ID } from './index';
import { eventsPage, porticoEventsApi, porticoPlugin } from './plugin';
import { eventsRouteRef } from './routes';

describe('porticoPlugin', () => {
  it('provides the events page and its API under stable extension ids', () => {
    expect(porticoPlugin.id).toBe('portico');
    expect(porticoPlugin.getExtension('page:portico/events')).toBeDefined();
    expect(porticoPlugin.getExtension('api:portico/events')).toBeDefined();
    expect(EVENTS_NAV_ITEM_ID).toBe('page:portico/events');
  });

  it('mounts the events page at /events with a title and an icon for the nav', () => {
    const tester = createExtensionTester(eventsPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/events');
    expect(tester.get(coreExtensionData.routeRef)).toBe(eventsRouteRef);
    expect(tester.get(coreExtensionData.title)).toBe('Events');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('creates the events client from discovery and fetch', () => {
    const factory = createExtensionTester(porticoEventsApi).get(
      ApiBlueprint.dataRefs.factory,
    );

    expect(factory.api).toBe(porticoEventsApiRef);
    expect(
      factory.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: mockApis.fetch(),
      }),
    ).toBeInstanceOf(PorticoEventsClient);
  });

  it('serves the events page at /events in an app', async () => {
    const listEvents = jest.fn(async () => firstPage);
    renderTestApp({
      features: [porticoPlugin],
      apis: [
        [porticoEventsApiRef, { listEvents, retryEvent: jest.fn() }],
        permissionsAllowing(porticoEventsReadPermission.name),
      ],
      initialRouteEntries: ['/events'],
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Events' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('subscription:sub-42')).toBeInTheDocument();
    expect(listEvents).toHaveBeenCalledWith({ limit: 50 });
  });
});
