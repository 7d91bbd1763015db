import { afterEach, describe, expect, it, vi } from 'vitest';
import { $ } from '../../runtime/expr-helpers.ts';
import { compileExpr, compileText, parseExpr } from './index.ts';

const ctx = { variables: new Set(['name', 'age', 'user', 'items', 'tags', 'key', 'email', 'evaluation', 'toString']) };

/** Test-only evaluation of emitted JS; the bundle itself never does this. */
function run(js: string, vars: Record<string, unknown>): unknown {
  return new Function('v', '$', `return ${js}`)(vars, $);
}

function value(src: string, vars: Record<string, unknown> = {}): unknown {
  const r = compileExpr(src, ctx);
  if (!r.ok) throw new Error(`${src}: ${r.error.code} ${r.error.message}`);
  return run(r.js, vars);
}

function error(src: string) {
  const r = compileExpr(src, ctx);
  if (r.ok) throw new Error(`${src} compiled, but an error was expected`);
  return r.error;
}

/** The tree with positions dropped, written as nested arrays, to compare shapes by eye. */
function shape(src: string): unknown {
  const walk = (n: ReturnType<typeof parseExpr>): unknown => {
    switch (n.kind) {
      case 'literal':
        return n.value;
      case 'variable':
        return n.name;
      case 'member':
        return ['.', walk(n.object), n.key];
      case 'index':
        return ['[]', walk(n.object), walk(n.index)];
      case 'unary':
        return [n.op, walk(n.arg)];
      case 'binary':
        return [n.op, walk(n.left), walk(n.right)];
      case 'conditional':
        return ['?:', walk(n.test), walk(n.then), walk(n.otherwise)];
      case 'call':
        return [n.name, ...n.args.map(walk)];
    }
  };
  return walk(parseExpr(src));
}

describe('expression parsing', () => {
  it('multiplication binds tighter than addition, which binds tighter than comparison', () => {
    expect(shape('1 + 2 * 3 > 4')).toEqual(['>', ['+', 1, ['*', 2, 3]], 4]);
  });

  it('&& binds tighter than ||, and comparisons tighter than both', () => {
    expect(shape('a || b && c == 1')).toEqual(['||', 'a', ['&&', 'b', ['==', 'c', 1]]]);
  });

  it('binary operators of equal rank group from the left', () => {
    expect(shape('10 - 4 - 3')).toEqual(['-', ['-', 10, 4], 3]);
  });

  it('the conditional operator groups from the right and binds loosest', () => {
    expect(shape('a ? 1 : b ? 2 : 3')).toEqual(['?:', 'a', 1, ['?:', 'b', 2, 3]]);
    expect(shape('x || y ? 1 : 2')).toEqual(['?:', ['||', 'x', 'y'], 1, 2]);
  });

  it('unary minus and not apply to the member access after them', () => {
    expect(shape('-a.b')).toEqual(['-', ['.', 'a', 'b']]);
    expect(shape('!len(x)')).toEqual(['!', ['len', 'x']]);
  });

  it('parentheses override precedence', () => {
    expect(shape('(1 + 2) * 3')).toEqual(['*', ['+', 1, 2], 3]);
  });

  it('member, index and call chains read left to right', () => {
    expect(shape('user.items[0].name')).toEqual(['.', ['[]', ['.', 'user', 'items'], 0], 'name']);
  });

  it('string literals take both quotes and the usual escapes', () => {
    expect(shape(`"a\\"b\\n" + 'c\\'d' + "\\u00e9"`)).toEqual(['+', ['+', 'a"b\n', "c'd"], 'é']);
  });

  it('numbers may have fractions and exponents', () => {
    expect(shape('1.5 + .5 + 2e3')).toEqual(['+', ['+', 1.5, 0.5], 2000]);
  });

  it('=== and !== are accepted as spellings of == and !=', () => {
    expect(shape('a === 1 !== b')).toEqual(['!=', ['==', 'a', 1], 'b']);
  });

  it('a deeply nested expression is a syntax error, not a stack overflow', () => {
    expect(error('('.repeat(5000) + '1' + ')'.repeat(5000)).code).toBe('expr.syntax');
  });
});

describe('expression errors carry a code and the 1-based column of the problem', () => {
  it.each([
    ['age >= ', 'expr.syntax', 8],
    ['age = 1', 'expr.syntax', 5],
    ['"abc', 'expr.syntax', 1],
    ['age 1', 'expr.syntax', 5],
    ['', 'expr.syntax', 1],
    ['user.(x)', 'expr.syntax', 6],
    ['a & b', 'expr.syntax', 3],
    ['name + nmae', 'expr.unknown_variable', 8],
    ['round(age)', 'expr.unknown_function', 1],
    ['user.name(1)', 'expr.syntax', 10],
    ['len(name, 2)', 'expr.arity', 1],
    ['now(1)', 'expr.arity', 1],
    ['matches(name, "[a-")', 'expr.bad_regex', 15],
    ['matches(name, key)', 'expr.bad_regex', 15],
    ['matches(name, "a", "gx")', 'expr.bad_regex', 20],
    ['user.constructor', 'expr.forbidden_member', 6],
    ['user.__proto__.x', 'expr.forbidden_member', 6],
    ['user["prototype"]', 'expr.forbidden_member', 6],
    ['constructor', 'expr.forbidden_member', 1],
  ])('%s → %s at column %i', (src, code, column) => {
    const e = error(src);
    expect(e.code).toBe(code);
    expect(e.column).toBe(column);
    expect(e.message.length).toBeGreaterThan(5);
  });

  it('a function name used without a call is an unknown variable with a hint', () => {
    const e = error('len + 1');
    expect(e.code).toBe('expr.unknown_variable');
    expect(e.message).toContain('len(...)');
  });
});

describe('emitted JavaScript, evaluated with the runtime helpers', () => {
  afterEach(() => vi.useRealTimers());

  it('computes arithmetic, comparison and logic like JavaScript', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('7 % 3 == 1 && !(2 > 3)')).toBe(true);
    expect(value('-age - -2', { age: 5 })).toBe(-3);
    expect(value('"a" + 1')).toBe('a1');
    expect(value('age >= 18 ? "adult" : "minor"', { age: 17 })).toBe('minor');
  });

  it('== is strict: a number never equals its text', () => {
    expect(value('age == "5"', { age: 5 })).toBe(false);
    expect(value('number(age) == 5', { age: '5' })).toBe(true);
  });

  it('a variable that was never set reads as null', () => {
    expect(value('email == null', {})).toBe(true);
  });

  it('reads nested fields and list items', () => {
    expect(value('user.address[1].city', { user: { address: [{}, { city: 'Kyiv' }] } })).toBe('Kyiv');
    expect(value('items[key]', { items: { a: 1 }, key: 'a' })).toBe(1);
  });

  it('a missing field anywhere along a path reads as null instead of throwing', () => {
    expect(value('user.address.city', { user: null })).toBe(null);
    expect(value('user.missing[3].x', { user: {} })).toBe(null);
  });

  it('constructor and __proto__ cannot be reached through an index whose key comes from data', () => {
    const vars = { user: { name: 'a' }, key: 'constructor' };
    expect(value('user[key]', vars)).toBe(null);
    expect(value('user[key]', { ...vars, key: '__proto__' })).toBe(null);
    expect(value('name[key]', { name: 'x', key: 'constructor' })).toBe(null);
    expect(value('user[key][key]', { ...vars })).toBe(null);
  });

  it('inherited names such as toString are not read from the prototype', () => {
    expect(value('toString', {})).toBe(null);
    expect(value('user.toString', { user: {} })).toBe(null);
  });

  it('an own field named like a prototype member is ordinary data', () => {
    const user = JSON.parse('{"__proto__": "data", "constructor": 1}');
    expect(value('user[key]', { user, key: '__proto__' })).toBe('data');
  });

  it('calls every built-in function', () => {
    expect(value('len(name) + len(items) + len(user)', { name: 'abc', items: [1, 2], user: { a: 1 } })).toBe(6);
    expect(value('lower("AbC") + upper("x") + trim("  y ")')).toBe('abcXy');
    expect(value('contains(tags, "vip") && contains(name, "ann")', { tags: ['vip'], name: 'Joanna' })).toBe(true);
    expect(value('startsWith(email, "ann@")', { email: 'ann@x.io' })).toBe(true);
    expect(value('matches(email, "^[^@]+@[^@]+$") && matches("ABC", "abc", "i")', { email: 'a@b' })).toBe(true);
    expect(value('number("12.5") + 1')).toBe(13.5);
    expect(value('string(12) + string(null)')).toBe('12');
    expect(value('days(1) + hours(1) + minutes(1)')).toBe(86_400_000 + 3_600_000 + 60_000);
    expect(value('date("2024-01-02T00:00:00Z")')).toBe(Date.UTC(2024, 0, 2));
  });

  it('now() reads the clock, so a faked clock controls it', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-05-01T00:00:00Z'));
    expect(value('now()')).toBe(Date.UTC(2030, 4, 1));
    expect(value('now() > date("2030-04-30") + days(1) - 1')).toBe(true);
  });

  it('wrong types and missing values give null or false, never an exception', () => {
    expect(value('number("abc")')).toBe(null);
    expect(value('date("not a date")')).toBe(null);
    expect(value('days(name)', { name: 'x' })).toBe(null);
    expect(value('len(user)', {})).toBe(0);
    expect(value('contains(user, "a")', {})).toBe(false);
    expect(value('upper(user)', {})).toBe('');
  });

  it('division by zero follows JavaScript and does not throw', () => {
    expect(value('1 / 0')).toBe(Infinity);
    expect(Number.isNaN(value('0 / 0'))).toBe(true);
  });

  it('== compiles to === and != to !==', () => {
    const r = compileExpr('age == 1 || age != 2', ctx);
    expect(r.ok && r.js).toContain('===');
    expect(r.ok && r.js).toContain('!==');
    expect(r.ok && r.js).not.toMatch(/[^!=]==[^=]/);
  });

  it('reports the variables an expression reads', () => {
    const r = compileExpr('user.name + name + len(tags) + user.age', ctx);
    expect(r.ok && r.names.sort()).toEqual(['name', 'tags', 'user']);
  });

  it('never spells eval, Function, import or require, even when a string or a name does', () => {
    const r = compileExpr('evaluation + "eval(x) Function import require </script>"', ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.js).not.toMatch(/eval|Function|import|require|<\//);
    expect(run(r.js, { evaluation: 'E:' })).toBe('E:eval(x) Function import require </script>');
  });
});

describe('text templates', () => {
  it('plain text becomes a string literal', () => {
    const r = compileText('Hello, world', ctx);
    expect(r).toEqual({ ok: true, js: '"Hello, world"', names: [] });
  });

  it('interpolates each {{expr}} as display text', () => {
    const r = compileText('Hi {{ name }}, you are {{age + 1}}{{user}}!', ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(run(r.js, { name: 'Ann', age: 29 })).toBe('Hi Ann, you are 30!');
  });

  it('lists display as comma-separated values and objects as JSON', () => {
    const r = compileText('{{tags}} / {{user}}', ctx);
    if (r.ok) expect(run(r.js, { tags: ['a', 'b'], user: { x: 1 } })).toBe('a, b / {"x":1}');
    expect(r.ok).toBe(true);
  });

  it('a "}}" inside a quoted string does not end the expression', () => {
    const r = compileText('{{ "}}" + name }}', ctx);
    if (r.ok) expect(run(r.js, { name: '!' })).toBe('}}!');
    expect(r.ok).toBe(true);
  });

  it('an expression error reports its column within the whole text', () => {
    const r = compileText('Dear {{ nmae }}', ctx);
    expect(r.ok || r.error).toEqual(expect.objectContaining({ code: 'expr.unknown_variable', column: 9 }));
  });

  it('an unclosed {{ is a syntax error at the braces', () => {
    const r = compileText('Hi {{ name', ctx);
    expect(r.ok || r.error).toEqual(expect.objectContaining({ code: 'expr.syntax', column: 4 }));
  });

  it('an empty {{}} is a syntax error', () => {
    const r = compileText('Hi {{ }}', ctx);
    expect(r.ok || r.error).toEqual(expect.objectContaining({ code: 'expr.syntax' }));
  });
});
