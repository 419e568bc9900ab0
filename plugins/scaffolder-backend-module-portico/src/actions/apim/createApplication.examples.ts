import type { ActionExample } from './exampleYaml';

export const createApplicationExamples: ActionExample[] = [
  {
    description:
      'Creates an application owned by one of your groups, for sandbox and staging',
    steps: [
      {
        id: 'create-application',
        name: 'Create the application',
        action: 'apim:application:create',
        input: {
          name: 'checkout-web',
          description: 'The storefront checkout calling the payments API',
          owner: 'group:default/devops-acme',
          environments: ['sandbox', 'staging'],
        },
      },
    ],
  },
  {
    description:
      'Creates an application from the template form, then uses its id in a later step',
    steps: [
      {
        id: 'create-application',
        name: 'Create the application',
        action: 'apim:application:create',
        input: {
          name: '${{ parameters.applicationName }}',
          owner: '${{ parameters.owner }}',
          environments: '${{ parameters.environments }}',
        },
      },
      {
        id: 'subscribe',
        name: 'Subscribe it to the payments API',
        action: 'apim:subscription:create',
        input: {
          applicationId:
            "${{ steps['create-application'].output.applicationId }}",
          apiRef: 'api:default/payments-api',
          plan: 'free',
          environment: 'sandbox',
        },
      },
    ],
  },
];
