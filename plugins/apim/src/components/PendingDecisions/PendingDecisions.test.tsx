import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, subscription } from '../../__testUtils__/fixtures';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { fill, renderApim } from '../../__testUtils__/renderApim';
import { PendingDecisions } from './PendingDecisions';

const pending = subscription({
  id: 's-pending',
  applicationName: 'checkout-web',
  requestedBy: 'user:default/alice',
});

function apiWithPending() {
  return mockApimApi({
    listSubscriptions: async () => page([pending]),
  });
}

async function open(action: 'Approve' | 'Reject') {
  await userEvent.click(
    await screen.findByRole('button', {
      name: `${action} checkout-web on payments-api`,
    }),
  );
  return screen.findByRole('dialog', { name: `${action} subscription` });
}

describe('PendingDecisions', () => {
  it('lists the pending subscriptions to the APIs my groups own', async () => {
    const apimApi = apiWithPending();
    renderApim(<PendingDecisions />, { apimApi, user: 'user:default/carol' });

    const row = (await screen.findByText('checkout-web')).closest('tr')!;
    expect(row).toHaveTextContent('checkout-web');
    expect(row).toHaveTextContent('devops-acme');
    expect(row).toHaveTextContent('payments-api');
    expect(row).toHaveTextContent('gold');
    expect(row).toHaveTextContent('Production');
    expect(row).toHaveTextContent('by alice');
    expect(apimApi.listSubscriptions).toHaveBeenCalledWith({
      awaitingMyDecision: true,
      limit: 25,
      offset: 0,
    });
  });

  it('approves with an optional comment and reads the list again', async () => {
    const apimApi = apiWithPending();
    apimApi.changeSubscription.mockResolvedValueOnce({
      ...pending,
      state: 'active',
    });
    renderApim(<PendingDecisions />, { apimApi, user: 'user:default/carol' });
    const dialog = await open('Approve');

    expect(within(dialog).getByText(/asks for the/)).toHaveTextContent(
      'checkout-web (devops-acme) asks for the gold plan of payments-api in Production, requested by alice.',
    );
    await fill(within(dialog).getByRole('textbox'), 'Welcome');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(await screen.findByText(/is now active/)).toHaveTextContent(
      'checkout-web on payments-api (gold, Production) is now active.',
    );
    expect(apimApi.changeSubscription).toHaveBeenCalledWith(
      's-pending',
      'approve',
      'Welcome',
    );
    expect(apimApi.listSubscriptions).toHaveBeenCalledTimes(2);
  });

  it('does not send a rejection without a comment', async () => {
    const apimApi = apiWithPending();
    apimApi.rejectSubscription.mockResolvedValueOnce({
      ...pending,
      state: 'rejected',
    });
    renderApim(<PendingDecisions />, { apimApi, user: 'user:default/carol' });
    const dialog = await open('Reject');
    const comment = within(dialog).getByRole('textbox', {
      name: /Why is it rejected/,
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    expect(comment).toHaveAccessibleDescription('a rejection needs a comment');
    expect(comment).toBeInvalid();
    expect(apimApi.rejectSubscription).not.toHaveBeenCalled();

    await fill(comment, 'Use the free plan in sandbox first');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    await waitFor(() =>
      expect(apimApi.rejectSubscription).toHaveBeenCalledWith(
        's-pending',
        'Use the free plan in sandbox first',
      ),
    );
    expect(await screen.findByText(/is now rejected/)).toBeInTheDocument();
  });

  it("shows the server's refusal, such as approving one's own request", async () => {
    const apimApi = apiWithPending();
    apimApi.changeSubscription.mockRejectedValueOnce(
      await responseError(
        403,
        'NotAllowedError',
        'You requested this subscription: another member of payments-team must approve it',
      ),
    );
    renderApim(<PendingDecisions />, { apimApi, user: 'user:default/alice' });
    const dialog = await open('Approve');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You requested this subscription: another member of payments-team must approve it',
    );
    expect(dialog).toBeVisible();
  });

  it('says so when nothing waits', async () => {
    const apimApi = mockApimApi({ listSubscriptions: async () => page([]) });
    renderApim(<PendingDecisions />, { apimApi });

    expect(
      await screen.findByText('Nothing awaits your decision'),
    ).toBeInTheDocument();
  });
});
