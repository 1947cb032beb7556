import assert from 'node:assert/strict';
import sinon from 'sinon';
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { GraphApi } from '../../../services/graph/graphApi';
import { GraphRequestError, MissingPermissionError, ThrottledError } from '../../../services/errors';

function fakeClient(handlers: { get?: sinon.SinonStub; post?: sinon.SinonStub }): { client: Client; paths: string[] } {
  const paths: string[] = [];
  const client = {
    api(path: string) {
      paths.push(path);
      const request = {
        version: () => request,
        headers: () => request,
        get: () => handlers.get!(path),
        post: (body: unknown) => handlers.post!(path, body),
      };
      return request;
    },
  } as unknown as Client;
  return { client, paths };
}

function graphError(status: number, code: string): GraphError {
  const error = new GraphError(status, code);
  error.code = code;
  return error;
}

describe('GraphApi', () => {
  it('follows @odata.nextLink until the last page', async () => {
    const get = sinon.stub();
    get.onFirstCall().resolves({ value: [1, 2], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/x?$skiptoken=a' });
    get.onSecondCall().resolves({ value: [3] });
    const { client, paths } = fakeClient({ get });
    assert.deepEqual(await new GraphApi(client).list('/x'), [1, 2, 3]);
    assert.deepEqual(paths, ['/x', 'https://graph.microsoft.com/v1.0/x?$skiptoken=a']);
  });

  it('turns a 403 into the name of the missing permission', async () => {
    const { client } = fakeClient({ get: sinon.stub().rejects(graphError(403, 'Authorization_RequestDenied')) });
    await assert.rejects(new GraphApi(client).get('/auditLogs/directoryAudits'), (error: unknown) => {
      assert.ok(error instanceof MissingPermissionError);
      assert.equal(error.permission, 'AuditLog.Read.All');
      return true;
    });
  });

  it('turns a 429 that outlasted the retries into a throttling message', async () => {
    const { client } = fakeClient({ get: sinon.stub().rejects(graphError(429, 'TooManyRequests')) });
    await assert.rejects(new GraphApi(client).get('/servicePrincipals'), ThrottledError);
  });

  it('keeps other statuses as GraphRequestError with status and code', async () => {
    const { client } = fakeClient({ get: sinon.stub().rejects(graphError(404, 'Request_ResourceNotFound')) });
    await assert.rejects(new GraphApi(client).get('/servicePrincipals/x'), (error: unknown) => error instanceof GraphRequestError && error.status === 404);
  });

  it('splits a batch into requests of at most 20', async () => {
    const post = sinon.stub().callsFake(async (_path: string, body: { requests: { id: string }[] }) => ({
      responses: body.requests.map((r) => ({ id: r.id, status: 200, body: { n: r.id } })),
    }));
    const { client } = fakeClient({ post });
    const steps = Array.from({ length: 45 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: `/x/${i}` }));
    const results = await new GraphApi(client).batch(steps);
    assert.equal(results.size, 45);
    assert.deepEqual(post.getCalls().map((c) => c.args[1].requests.length), [20, 20, 5]);
  });

  it('retries only the throttled steps of a batch, after their Retry-After', async () => {
    const post = sinon.stub();
    post.onFirstCall().resolves({
      responses: [
        { id: '1', status: 200, body: 'one' },
        { id: '2', status: 429, headers: { 'Retry-After': '0' }, body: { error: { code: 'TooManyRequests' } } },
      ],
    });
    post.onSecondCall().resolves({ responses: [{ id: '2', status: 200, body: 'two' }] });
    const { client } = fakeClient({ post });
    const results = await new GraphApi(client).batch([
      { id: '1', method: 'GET', url: '/a' },
      { id: '2', method: 'GET', url: '/b' },
    ]);
    assert.equal(results.get('2')?.body, 'two');
    assert.deepEqual(post.secondCall.args[1].requests.map((r: { id: string }) => r.id), ['2']);
  });

  it('unwraps a batch step\'s 403 into the missing permission', () => {
    const step = { id: '1', method: 'GET' as const, url: '/roleManagement/directory/roleAssignments?$filter=x' };
    assert.throws(() => GraphApi.unwrap({ id: '1', status: 403, body: { error: { code: 'Authorization_RequestDenied' } } }, step), /RoleManagement\.Read\.Directory/);
  });
});
