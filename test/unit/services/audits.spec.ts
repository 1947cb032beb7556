import assert from 'node:assert/strict';
import { eventsAbout } from '../../../services/apps/audits';

describe('audit events about an app', () => {
  const appId = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
  const byTarget = { id: '1', targetResources: [{ id: 'DE3D7478-cc06-49b0-9216-356cc6d488ee', displayName: 'x' }] };
  const byAppId = { id: '2', targetResources: [{ id: 'other', modifiedProperties: [{ displayName: 'AppId', newValue: `["${appId}"]` }] }] };
  const unrelated = { id: '3', targetResources: [{ id: 'someone-else' }] };

  it('matches a target by object id, whatever the case', () => {
    assert.deepEqual(eventsAbout([byTarget, unrelated], ['de3d7478-cc06-49b0-9216-356cc6d488ee']).map((e) => e.id), ['1']);
  });

  it('matches the appId inside a quoted JSON modified property, as real records write it', () => {
    assert.deepEqual(eventsAbout([byAppId, unrelated], [appId]).map((e) => e.id), ['2']);
  });

  it('finds an app role grant, whose target is the resource, by the grantee named in its properties', () => {
    const grant = {
      id: '4',
      targetResources: [
        { id: 'c21f351f-5747-46f7-9e77-c5375bd5c2ae', displayName: 'Office 365 Exchange Online', modifiedProperties: [{ displayName: 'ServicePrincipal.ObjectID', newValue: '"de3d7478-cc06-49b0-9216-356cc6d488ee"' }] },
      ],
    };
    assert.deepEqual(eventsAbout([grant, unrelated], ['de3d7478-cc06-49b0-9216-356cc6d488ee']).map((e) => e.id), ['4']);
  });
});
