;; SIMD loops of the course's wasm training kernels, working in place in tfjs-backend-wasm's own
;; memory (imported, so growth and threads see the same bytes). Every address is a byte offset
;; into that memory; every loop runs over 4 float32 lanes at a time, so channel counts must be
;; multiples of 4 (the JavaScript callers check and keep a scalar path for the rest).
;;
;; scripts/build-simd.ts compiles this file twice (plain and shared memory) into
;; module.generated.ts, putting each variant's memory import where the MEMORY placeholder is.
(module
  (; MEMORY ;)

  ;; MaxPoolGrad for 2×2 windows with stride 2 that lie wholly inside the input (no padding):
  ;; dx gets dy at each window's first maximum in row-major order and 0 elsewhere; a window with
  ;; no value above -Infinity (all NaN or -Infinity) gets no gradient. Writes every covered
  ;; pixel of dx; rows and columns no window covers are the caller's to zero.
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
    (local $cBytes i32) (local $rowBytes i32) (local $imageBytes i32)
    (local $b i32) (local $y i32) (local $col i32) (local $k i32)
    (local $in i32) (local $out i32) (local $g i32) (local $a i32) (local $d i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $top v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $later v128) (local $grad v128) (local $negInf v128)
    (local.set $negInf (f32x4.splat (f32.const -inf)))
    (local.set $cBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $w) (local.get $cBytes)))
    (local.set $imageBytes (i32.mul (local.get $h) (local.get $rowBytes)))
    (local.set $g (local.get $dy))
    (local.set $b (i32.const 0))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $y (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $oh)))
        ;; The window row's first pixel: image b, input row 2y.
        (local.set $in (i32.add
          (i32.mul (local.get $b) (local.get $imageBytes))
          (i32.mul (i32.shl (local.get $y) (i32.const 1)) (local.get $rowBytes))))
        (local.set $out (i32.add (local.get $dx) (local.get $in)))
        (local.set $in (i32.add (local.get $x) (local.get $in)))
        (local.set $col (i32.const 0))
        (block $colsDone (loop $cols
          (br_if $colsDone (i32.ge_u (local.get $col) (local.get $ow)))
          (local.set $k (i32.const 0))
          (block $chansDone (loop $chans
            (br_if $chansDone (i32.ge_u (local.get $k) (local.get $cBytes)))
            (local.set $a (i32.add (local.get $in) (local.get $k)))
            (local.set $d (i32.add (local.get $out) (local.get $k)))
            (local.set $v0 (v128.load (local.get $a)))
            (local.set $v1 (v128.load (i32.add (local.get $a) (local.get $cBytes))))
            (local.set $v2 (v128.load (i32.add (local.get $a) (local.get $rowBytes))))
            (local.set $v3 (v128.load (i32.add (i32.add (local.get $a) (local.get $rowBytes)) (local.get $cBytes))))
            ;; s_i: lane where pixel i beats every earlier pixel (strictly, so ties keep the first).
            (local.set $s0 (f32x4.gt (local.get $v0) (local.get $negInf)))
            (local.set $top (v128.bitselect (local.get $v0) (local.get $negInf) (local.get $s0)))
            (local.set $s1 (f32x4.gt (local.get $v1) (local.get $top)))
            (local.set $top (v128.bitselect (local.get $v1) (local.get $top) (local.get $s1)))
            (local.set $s2 (f32x4.gt (local.get $v2) (local.get $top)))
            (local.set $top (v128.bitselect (local.get $v2) (local.get $top) (local.get $s2)))
            (local.set $s3 (f32x4.gt (local.get $v3) (local.get $top)))
            ;; The winner is the last pixel that beat all before it.
            (local.set $grad (v128.load (i32.add (local.get $g) (local.get $k))))
            (v128.store (i32.add (i32.add (local.get $d) (local.get $rowBytes)) (local.get $cBytes))
              (v128.and (local.get $grad) (local.get $s3)))
            (local.set $later (local.get $s3))
            (v128.store (i32.add (local.get $d) (local.get $rowBytes))
              (v128.and (local.get $grad) (v128.andnot (local.get $s2) (local.get $later))))
            (local.set $later (v128.or (local.get $later) (local.get $s2)))
            (v128.store (i32.add (local.get $d) (local.get $cBytes))
              (v128.and (local.get $grad) (v128.andnot (local.get $s1) (local.get $later))))
            (local.set $later (v128.or (local.get $later) (local.get $s1)))
            (v128.store (local.get $d)
              (v128.and (local.get $grad) (v128.andnot (local.get $s0) (local.get $later))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $chans)))
          (local.set $in (i32.add (local.get $in) (i32.shl (local.get $cBytes) (i32.const 1))))
          (local.set $out (i32.add (local.get $out) (i32.shl (local.get $cBytes) (i32.const 1))))
          (local.set $g (i32.add (local.get $g) (local.get $cBytes)))
          (local.set $col (i32.add (local.get $col) (i32.const 1)))
          (br $cols)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
  )

  ;; dst[j] = scale · Σ_r src[r, j] over `rows` rows of `inner` floats, accumulated in float64 at
  ;; `acc` (8·inner bytes of scratch) as the CPU backend does; read in memory order.
  (func (export "sumRows")
    (param $src i32) (param $dst i32) (param $acc i32) (param $rows i32) (param $inner i32) (param $scale f64)
    (local $innerBytes i32) (local $j i32) (local $r i32) (local $s i32) (local $p i32)
    (local $v v128) (local $scaleV v128)
    (local.set $innerBytes (i32.shl (local.get $inner) (i32.const 2)))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $innerBytes) (i32.const 1)))
    (local.set $s (local.get $src))
    (local.set $r (i32.const 0))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $innerBytes)))
        (local.set $v (v128.load (i32.add (local.get $s) (local.get $j))))
        (local.set $p (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
        (v128.store (local.get $p)
          (f64x2.add (v128.load (local.get $p)) (f64x2.promote_low_f32x4 (local.get $v))))
        (v128.store offset=16 (local.get $p)
          (f64x2.add (v128.load offset=16 (local.get $p))
            (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols)))
      (local.set $s (i32.add (local.get $s) (local.get $innerBytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
    (local.set $scaleV (f64x2.splat (local.get $scale)))
    (local.set $j (i32.const 0))
    (block $outDone (loop $out
      (br_if $outDone (i32.ge_u (local.get $j) (local.get $innerBytes)))
      (local.set $p (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
      (v128.store (i32.add (local.get $dst) (local.get $j))
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.mul (v128.load (local.get $p)) (local.get $scaleV)))
          (f32x4.demote_f64x2_zero (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $scaleV)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $out)))
  )
)
