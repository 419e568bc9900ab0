import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { HttpResponse } from 'msw';
import { ApimClient } from '../actions/apim/ApimClient';

export const apimBaseUrl = 'http://localhost:7007/api/apim';

/** The user who runs the template in these tests. */
export const alice = mockCredentials.user('user:default/alice');

/** What the mock auth service issues for a call to apim on alice's behalf. */
export const aliceToApimToken = mockCredentials.service.token({
  onBehalfOf: alice,
  targetPluginId: 'apim',
});

export function createTestClient() {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
  });
  const client = new ApimClient({ discovery, auth: mockServices.auth() });
  return { client, discovery };
}

/** The body Backstage's error middleware sends for a thrown error. */
export function errorResponse(
  name: string,
  message: string,
  statusCode: number,
) {
  return HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'POST', url: '/' },
      response: { statusCode },
    },
    { status: statusCode },
  );
}
