import { AdminFacingError } from '../../errors';
import { ownerPath, readCredentials } from './credentialOwner';
import { sameId, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'removeKeyCredential'>;

export const removeKeyCredential: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    const certificates = await readCredentials(graph, spec, 'keyCredentials');
    if (!certificates) return 'targetGone';
    return certificates.some((c) => sameId(c.keyId, spec.keyId)) ? 'toDo' : 'alreadyDone';
  },
  async snapshot(spec, { graph }) {
    // The public key is kept: it is not secret, and without it the certificate cannot be put back.
    const certificate = (await readCredentials(graph, spec, 'keyCredentials'))?.find((c) => sameId(c.keyId, spec.keyId));
    return { on: spec.on, objectId: spec.objectId, certificate };
  },
  async execute(spec, { graph }) {
    // Graph has no delete for one certificate without a proof signed by one of the app's keys:
    // a PATCH replaces the whole collection, so every other certificate is written back as read.
    const certificates = await readCredentials(graph, spec, 'keyCredentials');
    if (!certificates || !certificates.some((c) => sameId(c.keyId, spec.keyId))) return;
    const kept = certificates.filter((c) => !sameId(c.keyId, spec.keyId));
    const withoutKey = kept.find((c) => !c.key);
    if (withoutKey) {
      throw new AdminFacingError(
        `Microsoft Graph did not return the public key of the other certificate '${withoutKey.displayName ?? withoutKey.keyId}', ` +
          'so the remaining certificates cannot be written back; nothing was changed. Remove this certificate in the Entra admin center instead.',
      );
    }
    await writeUnlessGone(graph.send('PATCH', ownerPath(spec), { keyCredentials: kept }));
  },
};
