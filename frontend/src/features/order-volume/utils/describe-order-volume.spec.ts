import { describeOrderVolume } from './describe-order-volume.js';

describe('describeOrderVolume', () => {
  it('states the number of orders with a thousands separator and the month range', () => {
    expect(
      describeOrderVolume({ totalOrders: 12345, firstMonth: '2024-01', lastMonth: '2025-06' }),
    ).toBe('12,345 orders, Jan 2024 – Jun 2025');
  });

  it('names a single month and a single order', () => {
    expect(
      describeOrderVolume({ totalOrders: 1, firstMonth: '2025-02', lastMonth: '2025-02' }),
    ).toBe('1 order in Feb 2025');
  });
});
