import { parseIsoDateTime } from '../dates';

/** A parsed $filter expression. */
export type FilterNode =
  | { type: 'literal'; kind: 'string' | 'guid' | 'datetime' | 'date' | 'number' | 'boolean' | 'null'; value: string | number | boolean | null }
  | { type: 'path'; segments: string[] }
  | { type: 'count'; segments: string[] }
  | { type: 'lambda'; segments: string[]; quantifier: 'any' | 'all'; variable?: string; body?: FilterNode }
  | { type: 'call'; name: string; args: FilterNode[] }
  | { type: 'compare'; op: ComparisonOperator; left: FilterNode; right: FilterNode }
  | { type: 'in'; left: FilterNode; values: FilterNode[] }
  | { type: 'logical'; op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; operand: FilterNode };

type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const COMPARISONS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS: readonly string[] = ['startswith', 'endswith', 'contains'];

export class FilterSyntaxError extends Error {}

interface Token {
  kind: 'punct' | 'string' | 'guid' | 'datetime' | 'date' | 'number' | 'word';
  text: string;
  position: number;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?(?![\w-])/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\w-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?![\w-])/;
const WORD = /^[A-Za-z_$][A-Za-z0-9_.$]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (): never => {
    throw new FilterSyntaxError(`Syntax error at position ${i} in '${text}'.`);
  };
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if ('(),:/'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, position: i });
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) fail();
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ kind: 'string', text: value, position: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const match = (kind: Token['kind'], pattern: RegExp): boolean => {
      const m = pattern.exec(rest);
      if (!m) return false;
      tokens.push({ kind, text: m[0], position: i });
      i += m[0].length;
      return true;
    };
    if (match('guid', GUID) || match('datetime', DATE_TIME) || match('date', DATE) || match('number', NUMBER) || match('word', WORD)) continue;
    fail();
  }
  return tokens;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[], private readonly text: string) {}

  parse(): FilterNode {
    if (this.tokens.length === 0) throw new FilterSyntaxError('The $filter expression is empty.');
    const node = this.parseOr();
    if (this.peek()) this.fail();
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private fail(): never {
    const position = this.peek()?.position ?? this.text.length;
    throw new FilterSyntaxError(`Syntax error at position ${position} in '${this.text}'.`);
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  private expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.index++;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.index++;
      left = { type: 'logical', op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.index++;
      left = { type: 'logical', op: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isWord('not')) {
      this.index++;
      return { type: 'not', operand: this.parseUnary() };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    const left = this.parseValue();
    const token = this.peek();
    if (token?.kind === 'word' && COMPARISONS.includes(token.text.toLowerCase())) {
      this.index++;
      return { type: 'compare', op: token.text.toLowerCase() as ComparisonOperator, left, right: this.parseValue() };
    }
    if (this.isWord('in')) {
      this.index++;
      this.expectPunct('(');
      const values: FilterNode[] = [this.parseLiteral()];
      while (this.isPunct(',')) {
        this.index++;
        values.push(this.parseLiteral());
      }
      this.expectPunct(')');
      return { type: 'in', left, values };
    }
    return left;
  }

  private parseLiteral(): FilterNode {
    const token = this.peek();
    if (!token) this.fail();
    const literal = this.literalFrom(token);
    if (!literal) this.fail();
    this.index++;
    return literal;
  }

  private literalFrom(token: Token): FilterNode | undefined {
    switch (token.kind) {
      case 'string':
      case 'guid':
      case 'datetime':
      case 'date':
        return { type: 'literal', kind: token.kind, value: token.text };
      case 'number':
        return { type: 'literal', kind: 'number', value: Number(token.text) };
      case 'word': {
        const word = token.text.toLowerCase();
        if (word === 'true' || word === 'false') return { type: 'literal', kind: 'boolean', value: word === 'true' };
        if (word === 'null') return { type: 'literal', kind: 'null', value: null };
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private parseValue(): FilterNode {
    const token = this.peek();
    if (!token) this.fail();
    if (token.kind === 'punct' && token.text === '(') {
      this.index++;
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const literal = this.literalFrom(token);
    if (literal) {
      this.index++;
      return literal;
    }
    if (token.kind !== 'word') this.fail();
    const next = this.tokens[this.index + 1];
    if (next?.kind === 'punct' && next.text === '(') return this.parseCall(token);
    return this.parsePath();
  }

  private parseCall(name: Token): FilterNode {
    const fn = name.text.toLowerCase();
    if (!FUNCTIONS.includes(fn)) throw new FilterSyntaxError(`An unknown function with name '${name.text}' was found.`);
    this.index += 2;
    const args: FilterNode[] = [this.parseOr()];
    while (this.isPunct(',')) {
      this.index++;
      args.push(this.parseOr());
    }
    this.expectPunct(')');
    if (args.length !== 2) throw new FilterSyntaxError(`The function '${name.text}' takes 2 arguments.`);
    return { type: 'call', name: fn, args };
  }

  private parsePath(): FilterNode {
    const segments: string[] = [this.takeWord()];
    while (this.isPunct('/')) {
      this.index++;
      const token = this.peek();
      if (token?.kind !== 'word') this.fail();
      const word = token.text.toLowerCase();
      if (word === '$count') {
        this.index++;
        return { type: 'count', segments };
      }
      const next = this.tokens[this.index + 1];
      if ((word === 'any' || word === 'all') && next?.kind === 'punct' && next.text === '(') {
        this.index += 2;
        return this.parseLambda(segments, word);
      }
      segments.push(this.takeWord());
    }
    return { type: 'path', segments };
  }

  private parseLambda(segments: string[], quantifier: 'any' | 'all'): FilterNode {
    if (this.isPunct(')')) {
      this.index++;
      return { type: 'lambda', segments, quantifier };
    }
    const variable = this.takeWord();
    this.expectPunct(':');
    const body = this.parseOr();
    this.expectPunct(')');
    return { type: 'lambda', segments, quantifier, variable, body };
  }

  private takeWord(): string {
    const token = this.peek();
    if (token?.kind !== 'word') this.fail();
    this.index++;
    return token.text;
  }
}

export function parseFilter(text: string): FilterNode {
  return new Parser(tokenize(text), text).parse();
}

/** Operators Graph only accepts on directory objects in advanced queries (ConsistencyLevel + $count). */
export function advancedOperators(node: FilterNode): string[] {
  const found = new Set<string>();
  const visit = (n: FilterNode | undefined): void => {
    if (!n) return;
    switch (n.type) {
      case 'compare':
        if (n.op === 'ne') found.add("'ne'");
        visit(n.left);
        visit(n.right);
        break;
      case 'not':
        found.add("'not'");
        visit(n.operand);
        break;
      case 'logical':
        visit(n.left);
        visit(n.right);
        break;
      case 'call':
        if (n.name === 'endswith') found.add("'endsWith'");
        n.args.forEach(visit);
        break;
      case 'count':
        found.add('$count in $filter');
        break;
      case 'lambda':
        visit(n.body);
        break;
      case 'in':
        visit(n.left);
        break;
      default:
        break;
    }
  };
  visit(node);
  return [...found];
}

/** A top-level `prop eq value` / `prop in (...)` that an index can answer before the full filter runs. */
export function indexableEquality(node: FilterNode): { property: string; values: string[] } | undefined {
  if (node.type === 'logical' && node.op === 'and') return indexableEquality(node.left) ?? indexableEquality(node.right);
  const literalValue = (n: FilterNode): string | undefined =>
    n.type === 'literal' && (n.kind === 'string' || n.kind === 'guid') ? String(n.value) : undefined;
  if (node.type === 'compare' && node.op === 'eq' && node.left.type === 'path' && node.left.segments.length === 1) {
    const value = literalValue(node.right);
    return value === undefined ? undefined : { property: node.left.segments[0], values: [value] };
  }
  if (node.type === 'in' && node.left.type === 'path' && node.left.segments.length === 1) {
    const values = node.values.map(literalValue);
    return values.every((v) => v !== undefined) ? { property: node.left.segments[0], values: values as string[] } : undefined;
  }
  return undefined;
}

type Scope = ReadonlyMap<string, unknown>;

function property(target: unknown, name: string): unknown {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return undefined;
  const record = target as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

function resolvePath(segments: readonly string[], root: unknown, scope: Scope): unknown {
  let current: unknown;
  let start = 0;
  if (scope.has(segments[0])) {
    current = scope.get(segments[0]);
    start = 1;
  } else {
    current = root;
  }
  for (let i = start; i < segments.length; i++) current = property(current, segments[i]);
  return current;
}

interface Operand {
  value: unknown;
  literalKind?: string;
}

function operand(node: FilterNode, root: unknown, scope: Scope): Operand {
  switch (node.type) {
    case 'literal':
      return { value: node.value, literalKind: node.kind };
    case 'path':
      return { value: resolvePath(node.segments, root, scope) };
    case 'count': {
      const collection = resolvePath(node.segments, root, scope);
      return { value: Array.isArray(collection) ? collection.length : 0 };
    }
    default:
      return { value: evaluateNode(node, root, scope) };
  }
}

function asTime(value: unknown): number {
  return typeof value === 'string' ? parseIsoDateTime(value.length === 10 ? `${value}T00:00:00Z` : value) : Number.NaN;
}

function compareValues(op: ComparisonOperator, left: Operand, right: Operand): boolean {
  const a = left.value ?? null;
  const b = right.value ?? null;
  if (a === null || b === null) {
    if (op === 'eq') return a === b;
    if (op === 'ne') return a !== b;
    return false;
  }
  const temporal = [left.literalKind, right.literalKind].some((k) => k === 'datetime' || k === 'date');
  let order: number;
  if (temporal) {
    const ta = asTime(a);
    const tb = asTime(b);
    if (Number.isNaN(ta) || Number.isNaN(tb)) return op === 'ne';
    order = ta - tb;
  } else if (typeof a === 'string' && typeof b === 'string') {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    order = la === lb ? 0 : la < lb ? -1 : 1;
  } else if (typeof a === typeof b && (typeof a === 'number' || typeof a === 'boolean')) {
    order = a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
  } else {
    return op === 'ne';
  }
  switch (op) {
    case 'eq': return order === 0;
    case 'ne': return order !== 0;
    case 'gt': return order > 0;
    case 'ge': return order >= 0;
    case 'lt': return order < 0;
    case 'le': return order <= 0;
  }
}

function callFunction(name: string, args: FilterNode[], root: unknown, scope: Scope): boolean {
  const [subject, fragment] = args.map((arg) => operand(arg, root, scope).value);
  if (typeof subject !== 'string' || typeof fragment !== 'string') return false;
  const s = subject.toLowerCase();
  const f = fragment.toLowerCase();
  if (name === 'startswith') return s.startsWith(f);
  if (name === 'endswith') return s.endsWith(f);
  return s.includes(f);
}

function evaluateLambda(node: Extract<FilterNode, { type: 'lambda' }>, root: unknown, scope: Scope): boolean {
  const collection = resolvePath(node.segments, root, scope);
  if (!Array.isArray(collection)) return node.quantifier === 'all';
  if (!node.body || !node.variable) return node.quantifier === 'any' ? collection.length > 0 : true;
  const { body, variable } = node;
  const test = (element: unknown): boolean => evaluateNode(body, root, new Map(scope).set(variable, element));
  return node.quantifier === 'any' ? collection.some(test) : collection.every(test);
}

function evaluateNode(node: FilterNode, root: unknown, scope: Scope): boolean {
  switch (node.type) {
    case 'logical':
      return node.op === 'and'
        ? evaluateNode(node.left, root, scope) && evaluateNode(node.right, root, scope)
        : evaluateNode(node.left, root, scope) || evaluateNode(node.right, root, scope);
    case 'not':
      return !evaluateNode(node.operand, root, scope);
    case 'compare':
      return compareValues(node.op, operand(node.left, root, scope), operand(node.right, root, scope));
    case 'in': {
      const left = operand(node.left, root, scope);
      return node.values.some((value) => compareValues('eq', left, operand(value, root, scope)));
    }
    case 'call':
      return callFunction(node.name, node.args, root, scope);
    case 'lambda':
      return evaluateLambda(node, root, scope);
    case 'path':
      return resolvePath(node.segments, root, scope) === true;
    case 'literal':
      return node.value === true;
    case 'count':
      return false;
  }
}

export function evaluateFilter(node: FilterNode, item: unknown): boolean {
  return evaluateNode(node, item, new Map());
}
