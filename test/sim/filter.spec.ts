import assert from 'node:assert/strict';
import { evaluateFilter, FilterSyntaxError, parseFilter } from '../../sim/odata/filter';

const audit = {
  id: 'a1',
  activityDisplayName: "Add owner to application",
  activityDateTime: '2025-01-15T09:30:00.1234567Z',
  category: 'ApplicationManagement',
  initiatedBy: { user: { id: '84b80893-8749-40a3-97b7-68513b600544', userPrincipalName: 'TrevorJ@contoso.com' }, app: null },
  targetResources: [
    { id: '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d', displayName: 'Mail Sync Helper', type: 'ServicePrincipal' },
    { id: '5e2c5f33-9a47-4a8f-8f0d-0d7c1c1a7a11', displayName: "O'Brien app", type: 'Application' },
  ],
  tags: ['WindowsAzureActiveDirectoryIntegratedApp', 'HideApp'],
  count: 3,
  enabled: true,
};

const matches = (filter: string, item: unknown = audit): boolean => evaluateFilter(parseFilter(filter), item);

describe('sim $filter parser and evaluator', () => {
  it('compares with eq, ne, gt, ge, lt and le', () => {
    assert.ok(matches("category eq 'ApplicationManagement'"));
    assert.ok(matches("category ne 'RoleManagement'"));
    assert.ok(matches('count gt 2') && matches('count ge 3') && matches('count lt 4') && matches('count le 3'));
    assert.ok(!matches('count gt 3'));
  });

  it('compares strings case-insensitively, as the directory does', () => {
    assert.ok(matches("category eq 'applicationmanagement'"));
  });

  it('combines with and, or, not and parentheses with OData precedence', () => {
    assert.ok(matches("category eq 'x' or category eq 'ApplicationManagement' and count eq 3"));
    assert.ok(!matches("(category eq 'x' or category eq 'ApplicationManagement') and count eq 4"));
    assert.ok(matches("not (category eq 'x')"));
    assert.ok(matches("NOT startsWith(category, 'Role') AND enabled eq true"));
  });

  it('supports in (...)', () => {
    assert.ok(matches("category in ('RoleManagement', 'ApplicationManagement')"));
    assert.ok(!matches("category in ('RoleManagement')"));
  });

  it('supports startswith, endswith and contains', () => {
    assert.ok(matches("startswith(activityDisplayName,'Add owner')"));
    assert.ok(matches("endswith(activityDisplayName, 'application')"));
    assert.ok(matches("contains(activityDisplayName, 'owner')"));
    assert.ok(matches("startswith(activityDisplayName,'Add owner') eq true"));
  });

  it('follows nested paths such as initiatedBy/user/id and treats missing parts as null', () => {
    assert.ok(matches("initiatedBy/user/id eq '84b80893-8749-40a3-97b7-68513b600544'"));
    assert.ok(matches('initiatedBy/app/appId eq null'));
    assert.ok(matches('initiatedBy/app eq null'));
  });

  it('evaluates any/all lambdas over objects and over strings', () => {
    assert.ok(matches("targetResources/any(t: t/id eq '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d')"));
    assert.ok(matches("targetResources/any(x:startswith(x/displayName, 'Mail'))"));
    assert.ok(!matches("targetResources/any(t: t/type eq 'User')"));
    assert.ok(matches("tags/any(x: x eq 'HideApp')"));
    assert.ok(matches("targetResources/all(t: t/id ne null)"));
    assert.ok(matches('tags/any()'));
  });

  it("reads '' inside a string literal as one quote", () => {
    assert.ok(matches("targetResources/any(t: t/displayName eq 'O''Brien app')"));
  });

  it('takes GUID and date-time literals without quotes', () => {
    assert.ok(matches('initiatedBy/user/id eq 84b80893-8749-40a3-97b7-68513b600544'));
    assert.ok(matches('activityDateTime ge 2025-01-15T09:00:00Z and activityDateTime le 2025-01-15T10:00:00.5Z'));
    assert.ok(!matches('activityDateTime ge 2025-01-16T00:00:00Z'));
    assert.ok(matches('activityDateTime ge 2025-01-15'));
    assert.ok(!matches('activityDateTime lt 2025-01-15T09:30:00+00:00'));
    assert.ok(matches('activityDateTime lt 2025-01-15T10:31:00+01:00'));
  });

  it('counts a collection with /$count', () => {
    assert.ok(matches('targetResources/$count eq 2'));
  });

  it('reports syntax errors with their position', () => {
    assert.throws(() => parseFilter("category eq 'x"), FilterSyntaxError);
    assert.throws(() => parseFilter('category eq'), /Syntax error at position 11/);
    assert.throws(() => parseFilter("category eq 'x' and"), FilterSyntaxError);
    assert.throws(() => parseFilter("frobnicate(category, 'x')"), /unknown function/);
    assert.throws(() => parseFilter(''), FilterSyntaxError);
  });
});
