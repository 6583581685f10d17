import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSimdKernels, generatedModuleText, KEEP_SEPARATE } from './compile.ts';
import { fuseMultiplyAdds } from './fused-multiply-add.ts';

describe('the SIMD kernels module', () => {
  it('is compiled from the kernels.wat in the tree (run npm run build:simd after editing it)', async () => {
    const committed = readFileSync(new URL('./module.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generatedModuleText(await compileSimdKernels()));
  });
});

describe('fuseMultiplyAdds', () => {
  const fused = (body: string) => fuseMultiplyAdds(`(module (func ${body}))`);

  it('fuses a product added to either side, or subtracted, keeping the operands in order', () => {
    expect(fused('(f32x4.add (local.get $c) (f32x4.mul (local.get $a) (v128.load (local.get $p))))')).toEqual({
      text: '(module (func (f32x4.relaxed_madd (local.get $a) (v128.load (local.get $p)) (local.get $c))))',
      fused: 1,
    });
    expect(fused('(f32x4.add (f32x4.mul (local.get $a) (local.get $b)) (local.get $c))').text).toContain('(f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c))');
    expect(fused('(f32x4.sub (local.get $c) (f32x4.mul (local.get $a) (local.get $b)))').text).toContain('(f32x4.relaxed_nmadd (local.get $a) (local.get $b) (local.get $c))');
  });

  it('fuses nested sums from the inside out, and drops comments', () => {
    const { text, fused: count } = fused(`;; a comment
      (f32x4.add (f32x4.add (local.get $c) (f32x4.mul (local.get $a) (local.get $b))) (; inline ;) (f32x4.mul (local.get $d) (local.get $e)))`);
    expect(count).toBe(2);
    expect(text).toBe('(module (func (f32x4.relaxed_madd (local.get $d) (local.get $e) (f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c)))))');
  });

  it('refuses text it cannot read', () => {
    expect(() => fuseMultiplyAdds('(module (func (export "open)))')).toThrow(/unterminated string/);
    expect(() => fuseMultiplyAdds('(module (func')).toThrow(/unbalanced/);
    expect(() => fuseMultiplyAdds('(module (; open')).toThrow(/unterminated block comment/);
  });

  it('leaves a product minus a value, other lane types, and operands with side effects as they are', () => {
    for (const body of [
      '(f32x4.sub (f32x4.mul (local.get $a) (local.get $b)) (local.get $c))',
      '(f64x2.add (local.get $c) (f64x2.mul (local.get $a) (local.get $b)))',
      '(f32x4.add (local.tee $c (local.get $d)) (f32x4.mul (local.get $a) (local.get $b)))',
      '(f32x4.add (call $f) (f32x4.mul (local.get $a) (local.get $b)))',
    ]) expect(fused(body)).toEqual({ text: `(module (func ${body}))`, fused: 0 });
  });

  it('leaves whole the functions it is told to keep', () => {
    const body = '(f32x4.add (local.get $c) (f32x4.mul (local.get $a) (local.get $b)))';
    const { text, fused: count } = fuseMultiplyAdds(`(module (func (export "kept") ${body}) (func (export "other") ${body}))`, ['kept']);
    expect(count).toBe(1);
    expect(text).toBe(`(module (func (export "kept") ${body}) (func (export "other") (f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c))))`);
  });

  it('leaves no multiply-add of kernels.wat unfused, and keeps Adam\'s update separate in the build', () => {
    const source = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    const { text, fused: count } = fuseMultiplyAdds(source);
    expect(fuseMultiplyAdds(source, KEEP_SEPARATE).fused).toBeLessThan(count);
    expect(count).toBeGreaterThan(500);
    expect(text).not.toMatch(/\(f32x4\.(add|sub) (\((?:[^()]|\([^()]*\))*\)|\S+) \(f32x4\.mul /);
    expect(text).not.toMatch(/\(f32x4\.add \(f32x4\.mul /);
  });
});
