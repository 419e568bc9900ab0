import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { details } from '../../__testUtils__/fixtures';
import { mockPromotionsApi, renderPromotions } from '../../__testUtils__/renderPromotions';
import { NewPromotionDialog } from './NewPromotionDialog';

jest.setTimeout(30_000);

const catalogApi = catalogApiMock.mock({
  getEntities: jest.fn(async () => ({
    items: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'payments-gateway', namespace: 'default', title: 'Payments gateway', annotations: { 'portico.io/tenant': 'acme' } },
      },
    ],
  })),
});

async function badRequest(message: string) {
  return ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'InputError', message }, response: { statusCode: 400 } }), {
      status: 400,
      statusText: 'Bad Request',
      headers: { 'Content-Type': 'application/json' },
    }) as any,
  );
}

describe('NewPromotionDialog', () => {
  it('files the request for the fixed component, and shows a 400 next to its field', async () => {
    const error = await badRequest('version: a version, tag or artifact reference without spaces');
    const promotionsApi = mockPromotionsApi({
      createRequest: jest
        .fn()
        .mockRejectedValueOnce(error)
        .mockResolvedValueOnce(details()),
    });
    const onCreated = jest.fn();
    await renderPromotions(
      <NewPromotionDialog open componentRef="component:default/payments-gateway" onClose={jest.fn()} onCreated={onCreated} />,
      { promotionsApi, catalogApi },
    );
    const dialog = await screen.findByRole('dialog', { name: 'Request a promotion' });
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: /Component/ })).toHaveValue('Payments gateway'));
    expect(await within(dialog).findByText('1 approver(s), scaffolder executor')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Version or artifact/ }), '1.4.2');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Justification/ }), 'Fixes the refund rounding bug');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /Rollback plan/ }), 'Promote 1.4.1 again');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request promotion' }));

    expect(await within(dialog).findByText('a version, tag or artifact reference without spaces')).toBeInTheDocument();
    expect(promotionsApi.createRequest).toHaveBeenCalledWith({
      componentRef: 'component:default/payments-gateway',
      version: '1.4.2',
      gitRef: undefined,
      fromEnvironment: 'STAGING',
      toEnvironment: 'PROD',
      justification: 'Fixes the refund rounding bug',
      rollbackPlan: 'Promote 1.4.1 again',
      changeWindow: undefined,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Request promotion' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: details().id })));
  });
});
