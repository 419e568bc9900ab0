import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { apiSummary, page } from '../../__testUtils__/fixtures';
import { mockApimApi, responseError } from '../../__testUtils__/mockApimApi';
import { renderApim } from '../../__testUtils__/renderApim';
import { ApiPortalPage } from './ApiPortalPage';

const payments = apiSummary();
const refunds = apiSummary({
  ref: 'api:default/refunds-api',
  name: 'refunds-api',
  title: 'Refunds API',
  description: undefined,
  version: undefined,
  environments: [],
  plans: [],
  plansError:
    'portico.io/plans[0.approval]: Invalid option: expected one of "auto"|"manual"',
  subscriberCount: 1,
  tags: [],
});

function catalogWithFacets() {
  return catalogApiMock.mock({
    getEntityFacets: jest.fn(async () => ({
      facets: {
        'relations.ownedBy': [
          { value: 'group:default/payments-team', count: 2 },
          { value: 'group:default/orders-team', count: 1 },
        ],
        'spec.system': [{ value: 'payments', count: 2 }],
        'spec.lifecycle': [
          { value: 'production', count: 2 },
          { value: 'experimental', count: 1 },
        ],
        'spec.type': [{ value: 'openapi', count: 3 }],
        'metadata.tags': [{ value: 'rest', count: 3 }],
      },
    })),
  });
}

describe('ApiPortalPage', () => {
  it('shows each API with what a consumer needs to choose it', async () => {
    const apimApi = mockApimApi({
      listApis: async () =>
        page([payments, refunds], { limit: 12, totalCount: 2 }),
    });
    renderApim(<ApiPortalPage />, { apimApi, catalogApi: catalogWithFacets() });

    const card = await screen.findByRole('article', { name: 'Payments API' });
    expect(
      within(card).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api');
    expect(card).toHaveTextContent('v1.4.0');
    expect(card).toHaveTextContent(
      'Create, capture and cancel card and bank payments.',
    );
    expect(card).toHaveTextContent('payments-team');
    expect(card).toHaveTextContent('SandboxStagingProduction');
    expect(
      within(card).getByLabelText('Free plan, instant access'),
    ).toHaveTextContent('Free · auto');
    expect(
      within(card).getByLabelText('Gold plan, approval by the owners'),
    ).toHaveTextContent('Gold · manual');
    expect(card).toHaveTextContent('3 subscribers');
    expect(
      within(card).getByRole('button', { name: 'Try it' }),
    ).toHaveAttribute('href', '/catalog/default/api/payments-api/try-it');

    const other = screen.getByRole('article', { name: 'Refunds API' });
    expect(other).toHaveTextContent('No description.');
    expect(other).toHaveTextContent('No servers declared');
    expect(other).toHaveTextContent('Plans cannot be read');
    expect(other).toHaveTextContent('1 subscriber');

    expect(apimApi.listApis).toHaveBeenCalledWith({ limit: 12, offset: 0 });
  });

  it('asks the server again with the filters and the search term', async () => {
    const apimApi = mockApimApi({
      listApis: async () => page([payments], { limit: 12 }),
    });
    renderApim(<ApiPortalPage />, { apimApi, catalogApi: catalogWithFacets() });
    await screen.findByRole('article', { name: 'Payments API' });

    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: 'Owner' }),
      'group:default/payments-team',
    );
    await waitFor(() =>
      expect(apimApi.listApis).toHaveBeenLastCalledWith({
        owner: 'group:default/payments-team',
        limit: 12,
        offset: 0,
      }),
    );
    expect(
      screen.getByRole('option', { name: 'orders-team' }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Lifecycle' }),
      'production',
    );
    await userEvent.type(screen.getByLabelText('Search APIs'), 'capture');
    await waitFor(() =>
      expect(apimApi.listApis).toHaveBeenLastCalledWith({
        owner: 'group:default/payments-team',
        lifecycle: 'production',
        search: 'capture',
        limit: 12,
        offset: 0,
      }),
    );
  });

  it('pages through the APIs with limit and offset', async () => {
    const apimApi = mockApimApi({
      listApis: async request =>
        page([payments], {
          totalCount: 30,
          limit: 12,
          offset: request?.offset ?? 0,
        }),
    });
    renderApim(<ApiPortalPage />, { apimApi });
    expect(await screen.findByText('1-12 of 30')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    await waitFor(() =>
      expect(apimApi.listApis).toHaveBeenLastCalledWith({
        limit: 12,
        offset: 12,
      }),
    );
    expect(await screen.findByText('13-24 of 30')).toBeInTheDocument();
  });

  it('falls back to free text filters when the catalog cannot list their values', async () => {
    const apimApi = mockApimApi({ listApis: async () => page([payments]) });
    const catalogApi = catalogApiMock.mock({
      getEntityFacets: jest.fn(async () => {
        throw new Error('catalog down');
      }),
    });
    renderApim(<ApiPortalPage />, { apimApi, catalogApi });
    await screen.findByRole('article', { name: 'Payments API' });

    await userEvent.type(screen.getByRole('textbox', { name: 'Tag' }), 'pci');

    await waitFor(() =>
      expect(apimApi.listApis).toHaveBeenLastCalledWith({
        tag: 'pci',
        limit: 12,
        offset: 0,
      }),
    );
  });

  it('says when nothing matches, and clears the filters', async () => {
    const apimApi = mockApimApi({
      listApis: async request => page(request?.search ? [] : [payments]),
    });
    renderApim(<ApiPortalPage />, { apimApi });
    await screen.findByRole('article', { name: 'Payments API' });

    await userEvent.type(
      screen.getByLabelText('Search APIs'),
      'nothing{Enter}',
    );
    expect(
      await screen.findByText('No API matches these filters'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByRole('article', { name: 'Payments API' }),
    ).toBeInTheDocument();
  });

  it("shows the server's error instead of an empty page", async () => {
    const error = await responseError(
      403,
      'NotAllowedError',
      'Missing permission apim.api.read',
    );
    const apimApi = mockApimApi({
      listApis: async () => {
        throw error;
      },
    });
    renderApim(<ApiPortalPage />, { apimApi });

    expect(
      await screen.findByText(/Could not load the APIs/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Missing permission apim.api.read/),
    ).toBeInTheDocument();
  });
});
