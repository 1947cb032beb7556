import type { PasswordCredential } from '@microsoft/microsoft-graph-types';
import { ownerPath, readCredentials } from './credentialOwner';
import { sameId, writeUnlessGone } from './graphReads';
import type { SpecOf, StepImplementation } from './step';

type Spec = SpecOf<'removePassword'>;

/** What an admin needs to recognise the secret again; Graph never returns the secret itself. */
function metadata(credential: PasswordCredential) {
  const { keyId, displayName, hint, startDateTime, endDateTime, customKeyIdentifier } = credential;
  return { keyId, displayName, hint, startDateTime, endDateTime, customKeyIdentifier };
}

export const removePassword: StepImplementation<Spec> = {
  async check(spec, { graph }) {
    const secrets = await readCredentials(graph, spec, 'passwordCredentials');
    if (!secrets) return 'targetGone';
    return secrets.some((s) => sameId(s.keyId, spec.keyId)) ? 'toDo' : 'alreadyDone';
  },
  async snapshot(spec, { graph }) {
    const secret = (await readCredentials(graph, spec, 'passwordCredentials'))?.find((s) => sameId(s.keyId, spec.keyId));
    return { on: spec.on, objectId: spec.objectId, secret: secret && metadata(secret) };
  },
  execute: (spec, { graph }) => writeUnlessGone(graph.send('POST', `${ownerPath(spec)}/removePassword`, { keyId: spec.keyId })),
};
