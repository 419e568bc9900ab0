import type { ActionExample } from './exampleYaml';

export const createSubscriptionExamples: ActionExample[] = [
  {
    description:
      'Subscribes an application, by id, to an auto-approved plan: the subscription is active at once',
    steps: [
      {
        id: 'subscribe',
        name: 'Subscribe to the payments API',
        action: 'apim:subscription:create',
        input: {
          applicationId: '3f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
          apiRef: 'api:default/payments-api',
          plan: 'free',
          environment: 'sandbox',
        },
      },
    ],
  },
  {
    description:
      "Subscribes an application, by name and owner group, to a plan the API's owners approve: the subscription is pending",
    steps: [
      {
        id: 'subscribe',
        name: 'Ask for production access to the payments API',
        action: 'apim:subscription:create',
        input: {
          applicationName: 'checkout-web',
          owner: 'group:default/devops-acme',
          apiRef: 'api:default/payments-api',
          plan: 'gold',
          environment: 'production',
        },
      },
    ],
  },
  {
    description:
      'Subscribes the application and API chosen in the template form',
    steps: [
      {
        id: 'subscribe',
        name: 'Subscribe',
        action: 'apim:subscription:create',
        input: {
          applicationName: '${{ parameters.applicationName }}',
          owner: '${{ parameters.owner }}',
          apiRef: '${{ parameters.api }}',
          plan: '${{ parameters.plan }}',
          environment: '${{ parameters.environment }}',
        },
      },
    ],
  },
];
