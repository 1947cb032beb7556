import assert from 'node:assert/strict';
import { parseWindow } from '../../../bot/commands/exchangeChanges';

describe('the window option of the Exchange commands', () => {
  it('defaults to 30 days and reads "90", "90 days" and "90d"', () => {
    assert.deepEqual(parseWindow('', 'show new connectors'), { days: 30 });
    for (const text of ['90', ' 90 days', '90d', '90 DAYS']) assert.deepEqual(parseWindow(text, 'x'), { days: 90 });
    assert.deepEqual(parseWindow('1 day', 'x'), { days: 1 });
  });

  it('refuses anything else with the accepted form', () => {
    for (const text of ['-5', '0', '181 days', 'ninety', '90 weeks', '3.5', '1e2']) {
      const result = parseWindow(text, 'show transport rules');
      assert.ok('error' in result, text);
      assert.match(result.error, /show transport rules 90 days/);
      assert.match(result.error, /1 to 180/);
    }
  });
});
