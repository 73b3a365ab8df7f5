import { render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import type { MonthlyOrderVolumeQuery } from '../generated/graphql.js';
import { MONTHLY_ORDER_VOLUME_QUERY } from '../features/order-volume/graphql/order-volume.graphql.js';
import { OrderVolumePage } from './order-volume-page.js';

type Row = MonthlyOrderVolumeQuery['monthlyOrderVolume'][number];

const row = (month: string, outcome: string, orders: number): Row => ({
  __typename: 'MonthlyOrderVolume',
  month,
  outcome,
  orders,
});

const answerWith = (rows: Row[]): MockLink.MockedResponse => ({
  request: { query: MONTHLY_ORDER_VOLUME_QUERY, variables: { input: null } },
  result: { data: { monthlyOrderVolume: rows } },
});

const renderPage = (mock: MockLink.MockedResponse) =>
  render(
    <MockedProvider mocks={[mock]}>
      <OrderVolumePage />
    </MockedProvider>,
  );

describe('OrderVolumePage', () => {
  it('says it is loading until the answer arrives', async () => {
    renderPage(answerWith([row('2025-01', 'CT', 1)]));

    expect(screen.getByRole('status').textContent).toBe('Loading order volume…');
    await screen.findByRole('table');
  });

  it('shows one clear sentence when the server does not answer', async () => {
    renderPage({
      request: { query: MONTHLY_ORDER_VOLUME_QUERY, variables: { input: null } },
      error: new Error('connect ECONNREFUSED 127.0.0.1:3000'),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The order volume could not be loaded; check that the Clinical Grounds server is running, then reload this page.',
    );
  });

  it('tells how to import data when no orders are loaded', async () => {
    renderPage(answerWith([]));

    const empty = await screen.findByText(/No orders loaded yet/);
    expect(empty.textContent).toBe(
      'No orders loaded yet — import data with npm run grounds -- import csv <dir>',
    );
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('captions the chart with the orders and months and tables the same numbers', async () => {
    renderPage(
      answerWith([
        row('2024-12', 'US', 4),
        row('2024-11', 'CT', 1200),
        row('2024-11', 'CANCELLED', 2),
        row('2025-01', 'CT', 30),
      ]),
    );

    const table = await screen.findByRole('table');
    expect(screen.getByText('1,236 orders, Nov 2024 – Jan 2025')).toBeTruthy();

    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers).toEqual(['Month', 'CT', 'Ultrasound', 'Cancelled', 'Total']);

    const cellsOf = (rowName: string) =>
      within(within(table).getByRole('row', { name: new RegExp(`^${rowName}`) }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cellsOf('Nov 2024')).toEqual(['1,200', '0', '2', '1,202']);
    expect(cellsOf('Dec 2024')).toEqual(['0', '4', '0', '4']);
    expect(cellsOf('Jan 2025')).toEqual(['30', '0', '0', '30']);
    expect(cellsOf('Total')).toEqual(['1,230', '4', '2', '1,236']);
  });
});
