import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Entity } from '@backstage/catalog-model';
import { apimTryItPermission } from '@portico/plugin-apim-common';
import {
  APP_ID,
  apiDetails,
  application,
  page,
  subscription,
} from '../../__testUtils__/fixtures';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { paymentsSpec } from '../../__testUtils__/paymentsSpec';
import { renderApim } from '../../__testUtils__/renderApim';
import { TryItContent } from './TryItContent';

const allowed = [apimTryItPermission.name];

function apiEntity(definition: string = paymentsSpec): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'payments-team',
      definition,
    },
  };
}

const samples = [
  {
    language: 'shell',
    label: 'curl',
    code: "curl -H 'X-API-Key: $PORTICO_API_KEY' https://api.sandbox.acme.example/payments/v1/payments/pay_3Nf8Kq1Zr",
  },
  {
    language: 'javascript',
    label: 'JavaScript',
    code: 'await fetch("https://api.sandbox.acme.example/payments/v1/payments/pay_3Nf8Kq1Zr")',
  },
  {
    language: 'python',
    label: 'Python',
    code: 'requests.get("https://api.sandbox.acme.example/payments/v1/payments/pay_3Nf8Kq1Zr")',
  },
  { language: 'go', label: 'Go', code: 'http.NewRequest("GET", url, nil)' },
];

function tryItApi() {
  return mockApimApi({
    getApi: async () => apiDetails(),
    listApplications: async () => page([application()]),
    listSubscriptions: async () =>
      page([
        subscription({ state: 'active', environment: 'sandbox', plan: 'free' }),
      ]),
    tryIt: async () => ({
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-77' },
      body: '{"id":"pay_3Nf8Kq1Zr","status":"captured"}',
      bodyEncoding: 'utf8',
      truncated: false,
      durationMs: 42.4,
      url: 'https://api.sandbox.acme.example/payments/v1/payments/pay_3Nf8Kq1Zr',
    }),
    codeSamples: async () => samples,
  });
}

async function pickOperation(name: string) {
  await userEvent.selectOptions(
    await screen.findByRole('combobox', { name: 'Operation' }),
    name,
  );
}

describe('TryItContent', () => {
  it('sends the operation with its prefilled path parameter through Portico and shows the answer', async () => {
    const apimApi = tryItApi();
    renderApim(<TryItContent />, { apimApi, allowed, entity: apiEntity() });

    await pickOperation('GET /payments/{paymentId}');
    expect(screen.getByRole('textbox', { name: /paymentId/ })).toHaveValue(
      'pay_3Nf8Kq1Zr',
    );
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Call as application' }),
      ).toHaveValue(APP_ID),
    );
    expect(screen.getByRole('combobox', { name: 'Environment' })).toHaveValue(
      'sandbox',
    );
    expect(screen.getByLabelText('Request URL')).toHaveTextContent(
      'https://api.sandbox.acme.example/payments/v1/payments/pay_3Nf8Kq1Zr',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    const response = await screen.findByRole('region', { name: 'Response' });
    expect(within(response).getByLabelText('Status 200')).toHaveTextContent(
      '200 OK',
    );
    expect(within(response).getByLabelText('Duration')).toHaveTextContent(
      '42 ms',
    );
    // The code view loads lazily.
    await waitFor(() =>
      expect(response).toHaveTextContent('"status": "captured"'),
    );
    const request = {
      apiRef: 'api:default/payments-api',
      applicationId: APP_ID,
      environment: 'sandbox',
      serverUrl: 'https://api.sandbox.acme.example/payments/v1',
      method: 'GET',
      path: '/payments/pay_3Nf8Kq1Zr',
    };
    expect(apimApi.tryIt).toHaveBeenCalledWith(request);
    expect(apimApi.codeSamples).toHaveBeenCalledWith(request);

    await userEvent.click(
      within(response).getByRole('tab', { name: 'Headers (2)' }),
    );
    expect(
      within(response).getByRole('table', { name: 'Response headers' }),
    ).toHaveTextContent('x-request-idreq-77');

    const code = screen.getByRole('region', { name: 'Code samples' });
    expect(
      within(code)
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual(['curl', 'JavaScript', 'Python', 'Go']);
    await waitFor(() => expect(code).toHaveTextContent('$PORTICO_API_KEY'));
    await userEvent.click(within(code).getByRole('tab', { name: 'Python' }));
    await waitFor(() => expect(code).toHaveTextContent('requests.get('));
    expect(
      within(code).getByRole('button', { name: /copy/i }),
    ).toBeInTheDocument();
  });

  it("prefills the body and required headers from the definition's examples", async () => {
    const apimApi = tryItApi();
    renderApim(<TryItContent />, { apimApi, allowed, entity: apiEntity() });

    await pickOperation('POST /payments');
    expect(
      screen.getByRole('textbox', { name: /Idempotency-Key/ }),
    ).toHaveValue('order-GX-100234-1');
    const body = screen.getByRole('textbox', { name: 'Request body' });
    expect(JSON.parse((body as HTMLTextAreaElement).value)).toEqual({
      amount: { value: 4999, currency: 'EUR' },
      captureMethod: 'manual',
      description: 'Order GX-100234',
    });
    // The key header of the definition is Portico's to add, not the user's.
    expect(
      screen.queryByRole('textbox', { name: /X-API-Key/ }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Call as application' }),
      ).toHaveValue(APP_ID),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(apimApi.tryIt).toHaveBeenCalled());
    expect(apimApi.tryIt.mock.calls[0][0]).toMatchObject({
      method: 'POST',
      path: '/payments',
      headers: {
        'Idempotency-Key': 'order-GX-100234-1',
        'Content-Type': 'application/json',
      },
      body: (body as HTMLTextAreaElement).value,
    });
  });

  it('says which environments none of my applications may call, and still gives the code', async () => {
    const apimApi = tryItApi();
    renderApim(<TryItContent />, { apimApi, allowed, entity: apiEntity() });
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Call as application' }),
      ).toBeInTheDocument(),
    );

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Environment' }),
      'production',
    );

    expect(
      await screen.findByText(
        /None of your applications has an active subscription to this API in Production/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Show code' }));

    await waitFor(() =>
      expect(apimApi.codeSamples).toHaveBeenCalledWith({
        apiRef: 'api:default/payments-api',
        environment: 'production',
        serverUrl: 'https://api.acme.example/payments/v1',
        method: 'GET',
        path: '/payments',
      }),
    );
    expect(apimApi.tryIt).not.toHaveBeenCalled();
  });

  it("shows the server's refusal of a request", async () => {
    const apimApi = tryItApi();
    apimApi.tryIt.mockRejectedValueOnce(
      await responseError(
        400,
        'InputError',
        'method: DELETE is not allowed in production',
      ),
    );
    renderApim(<TryItContent />, { apimApi, allowed, entity: apiEntity() });
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Call as application' }),
      ).toHaveValue(APP_ID),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'method: DELETE is not allowed in production',
    );
  });

  it('says clearly that a definition which does not parse cannot be tried', async () => {
    const apimApi = mockApimApi({
      getApi: async () =>
        apiDetails({
          servers: [],
          operations: [],
          definitionError:
            'The definition is not a valid OpenAPI document: paths./payments.get.responses is required',
        }),
      listApplications: async () => page([]),
      listSubscriptions: async () => page([]),
    });
    renderApim(<TryItContent />, {
      apimApi,
      allowed,
      entity: apiEntity('openapi: 3.0.3\npaths:\n  /payments:\n    get: {}\n'),
    });

    expect(
      await screen.findByText(
        /The definition of this API cannot be read, so it cannot be tried/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The definition is not a valid OpenAPI document: paths./payments.get.responses is required',
      ),
    ).toBeInTheDocument();
  });

  it('still works when the examples cannot be read from the definition', async () => {
    const apimApi = tryItApi();
    renderApim(<TryItContent />, {
      apimApi,
      allowed,
      entity: apiEntity('openapi: 3.0.3\npaths: [unclosed\n'),
    });

    expect(
      await screen.findByText(/Examples could not be read from the definition/),
    ).toBeInTheDocument();
    await pickOperation('GET /payments/{paymentId}');
    const paymentId = screen.getByRole('textbox', { name: /paymentId/ });
    expect(paymentId).toHaveValue('');
    await waitFor(() =>
      expect(
        screen.getByRole('combobox', { name: 'Call as application' }),
      ).toHaveValue(APP_ID),
    );
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();

    await userEvent.type(paymentId, 'pay_1');

    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });
});
