import assert from 'node:assert/strict';
import { answerOf } from '../../../services/admins/graphReads';
import { gapOf, SOURCES } from '../../../services/admins/gaps';

const error = (status: number, code: string, message = '') => ({ id: '1', status, body: { error: { code, message } } });

describe('judging a batch answer', () => {
  it('a 403 with the premium-licence code is a licence refusal, and the gap names the licence', () => {
    const answer = answerOf(error(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Tenant doesn't have premium license"));
    assert.equal(!answer.ok && answer.refusal, 'licence');
    assert.deepEqual(gapOf(SOURCES.registration, answer, 'Registered methods were read per admin instead.'), {
      source: 'the MFA registration report',
      reason: 'Entra ID P1 is needed for the MFA registration report.',
      fallback: 'Registered methods were read per admin instead.',
    });
  });

  it('Identity Protection\'s bare 403 saying the tenant is not licensed is a licence refusal, not a permission', () => {
    const answer = answerOf(error(403, 'Forbidden', 'Your tenant is not licensed for this feature.'));
    assert.equal(!answer.ok && answer.refusal, 'licence');
    assert.equal(gapOf(SOURCES.risk, answer)!.reason, "Entra ID P2 is needed for the admins' user risk (Identity Protection).");
  });

  it('PIM\'s 400 AadPremiumLicenseRequired is a licence refusal', () => {
    const answer = answerOf(error(400, 'AadPremiumLicenseRequired', 'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.'));
    assert.equal(!answer.ok && answer.refusal, 'licence');
  });

  it('any other 403 is a missing permission, and the gap names the permission', () => {
    const answer = answerOf(error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
    assert.equal(!answer.ok && answer.refusal, 'permission');
    assert.match(gapOf(SOURCES.risk, answer)!.reason, /needs the IdentityRiskyUser\.Read\.All application permission/);
  });

  it('other errors are failures with Graph\'s status and code', () => {
    const answer = answerOf(error(400, 'BadRequest', 'Invalid filter clause'));
    assert.equal(!answer.ok && answer.refusal, 'failed');
    assert.match(gapOf(SOURCES.users, answer)!.reason, /400 BadRequest: Invalid filter clause/);
  });

  it('a success is a value, and leaves no gap', () => {
    const answer = answerOf({ id: '1', status: 200, body: { value: [] } });
    assert.deepEqual(answer, { ok: true, value: { value: [] } });
    assert.equal(gapOf(SOURCES.users, answer), undefined);
  });
});
