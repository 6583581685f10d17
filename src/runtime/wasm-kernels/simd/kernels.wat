;; WebAssembly loops of the course's wasm training kernels, working in place in tfjs-backend-wasm's
;; own memory (imported, so growth and threads see the same bytes). Every address is a byte offset
;; into that memory. Where the data allows, they run over 4 float32 lanes at a time; each says
;; what shapes it takes (the JavaScript callers check, and keep a JavaScript loop for the rest).
;;
;; scripts/build-simd.ts compiles this file twice (plain and shared memory) into
;; module.generated.ts, putting each variant's memory import where the MEMORY placeholder is.
(module
  (; MEMORY ;)

  ;; MaxPoolGrad for 2×2 windows with stride 2 that lie wholly inside the input (no padding), at
  ;; least 4 channels:
  ;; dx gets dy at each window's first maximum in row-major order and 0 elsewhere; a window with
  ;; no value above -Infinity (all NaN or -Infinity) gets no gradient. Writes every covered
  ;; pixel of dx; rows and columns no window covers are the caller's to zero.
  (func (export "maxPoolGrad2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
    (local $cBytes i32) (local $rowBytes i32) (local $imageBytes i32)
    (local $b i32) (local $y i32) (local $col i32) (local $k i32) (local $kk i32)
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
            ;; The last four channels when fewer than four remain: recomputing a channel writes
            ;; the same values again, so the overlap is harmless.
            (local.set $kk (select (local.get $k) (i32.sub (local.get $cBytes) (i32.const 16))
              (i32.le_u (i32.add (local.get $k) (i32.const 16)) (local.get $cBytes))))
            (local.set $a (i32.add (local.get $in) (local.get $kk)))
            (local.set $d (i32.add (local.get $out) (local.get $kk)))
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
            (local.set $grad (v128.load (i32.add (local.get $g) (local.get $kk))))
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
  ;; `acc` (8·inner bytes of scratch) as the CPU backend does; read in memory order. Four columns
  ;; per instruction, then the last inner % 4 one at a time.
  (func (export "sumRows")
    (param $src i32) (param $dst i32) (param $acc i32) (param $rows i32) (param $inner i32) (param $scale f64)
    (local $innerBytes i32) (local $vectorBytes i32) (local $j i32) (local $r i32) (local $s i32) (local $p i32)
    (local $v v128) (local $scaleV v128)
    (local.set $innerBytes (i32.shl (local.get $inner) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $innerBytes) (i32.const -16)))
    (memory.fill (local.get $acc) (i32.const 0) (i32.shl (local.get $innerBytes) (i32.const 1)))
    (local.set $s (local.get $src))
    (local.set $r (i32.const 0))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $colsDone (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $vectorBytes)))
        (local.set $v (v128.load (i32.add (local.get $s) (local.get $j))))
        (local.set $p (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
        (v128.store (local.get $p)
          (f64x2.add (v128.load (local.get $p)) (f64x2.promote_low_f32x4 (local.get $v))))
        (v128.store offset=16 (local.get $p)
          (f64x2.add (v128.load offset=16 (local.get $p))
            (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols)))
      (block $tailDone (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $j) (local.get $innerBytes)))
        (local.set $p (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p)) (f64.promote_f32 (f32.load (i32.add (local.get $s) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $tail)))
      (local.set $s (i32.add (local.get $s) (local.get $innerBytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows)))
    (local.set $scaleV (f64x2.splat (local.get $scale)))
    (local.set $j (i32.const 0))
    (block $outDone (loop $out
      (br_if $outDone (i32.ge_u (local.get $j) (local.get $vectorBytes)))
      (local.set $p (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1))))
      (v128.store (i32.add (local.get $dst) (local.get $j))
        (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
          (f32x4.demote_f64x2_zero (f64x2.mul (v128.load (local.get $p)) (local.get $scaleV)))
          (f32x4.demote_f64x2_zero (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $scaleV)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $out)))
    (block $outTailDone (loop $outTail
      (br_if $outTailDone (i32.ge_u (local.get $j) (local.get $innerBytes)))
      (f32.store (i32.add (local.get $dst) (local.get $j))
        (f32.demote_f64 (f64.mul (f64.load (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 1)))) (local.get $scale))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $outTail)))
  )

  ;; dst[r, j] = src[r, j] + bias[j] over `rows` rows of `inner` floats: a bias broadcast along
  ;; the last axis, as every layer's bias is added. Four columns per instruction, then the last
  ;; inner % 4 one at a time. dst may be src.
  (func (export "addBias")
    (param $src i32) (param $bias i32) (param $dst i32) (param $rows i32) (param $inner i32)
    (local $innerBytes i32) (local $vectorBytes i32) (local $end i32) (local $j i32)
    (local.set $innerBytes (i32.shl (local.get $inner) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $innerBytes) (i32.const -16)))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $rows) (local.get $innerBytes))))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $src) (local.get $end)))
      (local.set $j (i32.const 0))
      (block $vectorsDone (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $j) (local.get $vectorBytes)))
        (v128.store (i32.add (local.get $dst) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $src) (local.get $j))) (v128.load (i32.add (local.get $bias) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $vectors)))
      (block $floatsDone (loop $floats
        (br_if $floatsDone (i32.ge_u (local.get $j) (local.get $innerBytes)))
        (f32.store (i32.add (local.get $dst) (local.get $j))
          (f32.add (f32.load (i32.add (local.get $src) (local.get $j))) (f32.load (i32.add (local.get $bias) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $floats)))
      (local.set $src (i32.add (local.get $src) (local.get $innerBytes)))
      (local.set $dst (i32.add (local.get $dst) (local.get $innerBytes)))
      (br $rows)))
  )

  ;; One step of Adam over `count` floats, into new buffers (TF.js tensors are immutable):
  ;;   m' = m·β1 + g·(1 − β1)         v' = v·β2 + g²·(1 − β2)
  ;;   w' = (m'/(1 − β1ᵗ)) / (√(v'/(1 − β2ᵗ)) + ε) · (−lr) + w
  ;; in float32, one rounding per operation in this order, which is what TF.js's AdamOptimizer
  ;; computes with one kernel per operation (WebAssembly has no implicit fused multiply-add).
  (func (export "adamUpdate")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $wOut i32) (param $mOut i32) (param $vOut i32) (param $count i32)
    (param $beta1 f32) (param $oneMinusBeta1 f32) (param $beta2 f32) (param $oneMinusBeta2 f32)
    (param $oneMinusAccBeta1 f32) (param $oneMinusAccBeta2 f32) (param $epsilon f32) (param $negLr f32)
    (local $i i32) (local $bytes i32) (local $vectorBytes i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128)
    (local $a1 v128) (local $a2 v128) (local $eps v128) (local $lr v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $c1 (f32x4.splat (local.get $oneMinusBeta1)))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $c2 (f32x4.splat (local.get $oneMinusBeta2)))
    (local.set $a1 (f32x4.splat (local.get $oneMinusAccBeta1)))
    (local.set $a2 (f32x4.splat (local.get $oneMinusAccBeta2)))
    (local.set $eps (f32x4.splat (local.get $epsilon)))
    (local.set $lr (f32x4.splat (local.get $negLr)))
    (local.set $bytes (i32.shl (local.get $count) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $i (i32.const 0))
    (block $vectorsDone (loop $vectors
      (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $vectorBytes)))
      (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
      (local.set $mv (f32x4.add
        (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (local.get $b1))
        (f32x4.mul (local.get $gv) (local.get $c1))))
      (local.set $vv (f32x4.add
        (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $b2))
        (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $c2))))
      (v128.store (i32.add (local.get $mOut) (local.get $i)) (local.get $mv))
      (v128.store (i32.add (local.get $vOut) (local.get $i)) (local.get $vv))
      (v128.store (i32.add (local.get $wOut) (local.get $i))
        (f32x4.add
          (f32x4.mul
            (f32x4.div
              (f32x4.div (local.get $mv) (local.get $a1))
              (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vv) (local.get $a2))) (local.get $eps)))
            (local.get $lr))
          (v128.load (i32.add (local.get $w) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vectors)))
    (block $floatsDone (loop $floats
      (br_if $floatsDone (i32.ge_u (local.get $i) (local.get $bytes)))
      (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
      (local.set $ms (f32.add
        (f32.mul (f32.load (i32.add (local.get $m) (local.get $i))) (local.get $beta1))
        (f32.mul (local.get $gs) (local.get $oneMinusBeta1))))
      (local.set $vs (f32.add
        (f32.mul (f32.load (i32.add (local.get $v) (local.get $i))) (local.get $beta2))
        (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $oneMinusBeta2))))
      (f32.store (i32.add (local.get $mOut) (local.get $i)) (local.get $ms))
      (f32.store (i32.add (local.get $vOut) (local.get $i)) (local.get $vs))
      (f32.store (i32.add (local.get $wOut) (local.get $i))
        (f32.add
          (f32.mul
            (f32.div
              (f32.div (local.get $ms) (local.get $oneMinusAccBeta1))
              (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $oneMinusAccBeta2))) (local.get $epsilon)))
            (local.get $negLr))
          (f32.load (i32.add (local.get $w) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $floats)))
  )

  ;; out[t, c] += Σ_p x[tap t at pixel p] · dy[p, c]: a convolution's filter gradient, straight
  ;; from x and dy with no im2col and no packing. t = (kh·fw + kw)·cin + ci runs over the k rows of
  ;; the [fh, fw, cin, co] result, p = (n, oy, ox) over the `n` images of dy ([n, oh, ow, co]).
  ;; x ([n, hp, wp, cin]) must hold every tap of every pixel, x[n, oy·sh + kh·dh, ox·sw + kw·dw, ci]:
  ;; a padded convolution's caller passes x on a zero canvas. Three rows by eight channels at a
  ;; time: six accumulators of four lanes stay in locals through the whole pass over p, each step
  ;; loading one float of x per row (the three rows sit at fixed offsets from one pointer) and
  ;; eight of dy. Eight channels are read even where fewer remain, so up to 7 floats past dy's
  ;; last pixel are read and their lanes dropped: the caller checks they lie inside the memory. A
  ;; block past the last row repeats the last row and drops those sums too. `scratch` holds a
  ;; block's 24 sums before the valid ones are added to out.
  (func (export "filterGradient")
    (param $x i32) (param $n i32) (param $hp i32) (param $wp i32) (param $cin i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $dh i32) (param $dw i32)
    (param $dy i32) (param $oh i32) (param $ow i32) (param $co i32) (param $out i32) (param $scratch i32)
    (local $k i32) (local $last i32) (local $coBytes i32) (local $pixelStep i32) (local $rowStep i32) (local $imageBytes i32)
    (local $t i32) (local $c i32) (local $o0 i32) (local $o1 i32) (local $o2 i32)
    (local $img i32) (local $oy i32) (local $px i32) (local $pxEnd i32) (local $d i32)
    (local $r i32) (local $j i32) (local $width i32) (local $o i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $b0 v128) (local $b1 v128)
    (local $x00 v128) (local $x01 v128) (local $x10 v128) (local $x11 v128) (local $x20 v128) (local $x21 v128)
    (local.set $k (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (local.get $cin)))
    (local.set $last (i32.sub (local.get $k) (i32.const 1)))
    (local.set $coBytes (i32.shl (local.get $co) (i32.const 2)))
    (local.set $pixelStep (i32.shl (i32.mul (local.get $sw) (local.get $cin)) (i32.const 2)))
    (local.set $rowStep (i32.shl (i32.mul (i32.mul (local.get $sh) (local.get $wp)) (local.get $cin)) (i32.const 2)))
    (local.set $imageBytes (i32.shl (i32.mul (i32.mul (local.get $hp) (local.get $wp)) (local.get $cin)) (i32.const 2)))
    (local.set $t (i32.const 0))
    (block $tapsDone (loop $taps
      (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $k)))
      (local.set $o0 (call $tapOffset (local.get $t) (local.get $wp) (local.get $cin) (local.get $fw) (local.get $dh) (local.get $dw)))
      (local.set $r (i32.add (local.get $t) (i32.const 1)))
      (local.set $o1 (call $tapOffset (select (local.get $r) (local.get $last) (i32.lt_u (local.get $r) (local.get $last)))
        (local.get $wp) (local.get $cin) (local.get $fw) (local.get $dh) (local.get $dw)))
      (local.set $r (i32.add (local.get $t) (i32.const 2)))
      (local.set $o2 (call $tapOffset (select (local.get $r) (local.get $last) (i32.lt_u (local.get $r) (local.get $last)))
        (local.get $wp) (local.get $cin) (local.get $fw) (local.get $dh) (local.get $dw)))
      (local.set $c (i32.const 0))
      (block $channelsDone (loop $channels
        (br_if $channelsDone (i32.ge_u (local.get $c) (local.get $co)))
        (local.set $x00 (v128.const i32x4 0 0 0 0))
        (local.set $x01 (v128.const i32x4 0 0 0 0))
        (local.set $x10 (v128.const i32x4 0 0 0 0))
        (local.set $x11 (v128.const i32x4 0 0 0 0))
        (local.set $x20 (v128.const i32x4 0 0 0 0))
        (local.set $x21 (v128.const i32x4 0 0 0 0))
        (local.set $d (i32.add (local.get $dy) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $img (i32.const 0))
        (block $imagesDone (loop $images
          (br_if $imagesDone (i32.ge_u (local.get $img) (local.get $n)))
          (local.set $oy (i32.const 0))
          (block $rowsDone (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $oy) (local.get $oh)))
            (local.set $px (i32.add (i32.add (local.get $x) (i32.mul (local.get $img) (local.get $imageBytes)))
              (i32.mul (local.get $oy) (local.get $rowStep))))
            (local.set $pxEnd (i32.add (local.get $px) (i32.mul (local.get $ow) (local.get $pixelStep))))
            (block $pixelsDone (loop $pixels
              (br_if $pixelsDone (i32.ge_u (local.get $px) (local.get $pxEnd)))
              (local.set $b0 (v128.load (local.get $d)))
              (local.set $b1 (v128.load offset=16 (local.get $d)))
              (local.set $s0 (v128.load32_splat (i32.add (local.get $px) (local.get $o0))))
              (local.set $s1 (v128.load32_splat (i32.add (local.get $px) (local.get $o1))))
              (local.set $s2 (v128.load32_splat (i32.add (local.get $px) (local.get $o2))))
              (local.set $x00 (f32x4.add (local.get $x00) (f32x4.mul (local.get $s0) (local.get $b0))))
              (local.set $x01 (f32x4.add (local.get $x01) (f32x4.mul (local.get $s0) (local.get $b1))))
              (local.set $x10 (f32x4.add (local.get $x10) (f32x4.mul (local.get $s1) (local.get $b0))))
              (local.set $x11 (f32x4.add (local.get $x11) (f32x4.mul (local.get $s1) (local.get $b1))))
              (local.set $x20 (f32x4.add (local.get $x20) (f32x4.mul (local.get $s2) (local.get $b0))))
              (local.set $x21 (f32x4.add (local.get $x21) (f32x4.mul (local.get $s2) (local.get $b1))))
              (local.set $d (i32.add (local.get $d) (local.get $coBytes)))
              (local.set $px (i32.add (local.get $px) (local.get $pixelStep)))
              (br $pixels)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br $rows)))
          (local.set $img (i32.add (local.get $img) (i32.const 1)))
          (br $images)))
        (v128.store (local.get $scratch) (local.get $x00))
        (v128.store offset=16 (local.get $scratch) (local.get $x01))
        (v128.store offset=32 (local.get $scratch) (local.get $x10))
        (v128.store offset=48 (local.get $scratch) (local.get $x11))
        (v128.store offset=64 (local.get $scratch) (local.get $x20))
        (v128.store offset=80 (local.get $scratch) (local.get $x21))
        ;; The valid sums: rows t .. min(t + 3, k) − 1, channels c .. min(c + 8, co) − 1.
        (local.set $width (i32.sub (local.get $co) (local.get $c)))
        (if (i32.gt_u (local.get $width) (i32.const 8)) (then (local.set $width (i32.const 8))))
        (local.set $r (i32.const 0))
        (block $sumRowsDone (loop $sumRows
          (br_if $sumRowsDone (i32.ge_u (local.get $r) (i32.const 3)))
          (br_if $sumRowsDone (i32.ge_u (i32.add (local.get $t) (local.get $r)) (local.get $k)))
          (local.set $o (i32.add (local.get $out)
            (i32.shl (i32.add (i32.mul (i32.add (local.get $t) (local.get $r)) (local.get $co)) (local.get $c)) (i32.const 2))))
          (local.set $j (i32.const 0))
          (block $sumsDone (loop $sums
            (br_if $sumsDone (i32.ge_u (local.get $j) (local.get $width)))
            (f32.store (local.get $o)
              (f32.add (f32.load (local.get $o))
                (f32.load (i32.add (local.get $scratch) (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j)) (i32.const 2))))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sums)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $sumRows)))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (br $channels)))
      (local.set $t (i32.add (local.get $t) (i32.const 3)))
      (br $taps)))
  )

  ;; Byte offset in x of filter row t = (kh·fw + kw)·cin + ci from its tap's top-left pixel:
  ;; ((kh·dh)·wp + kw·dw)·cin + ci floats.
  (func $tapOffset (param $t i32) (param $wp i32) (param $cin i32) (param $fw i32) (param $dh i32) (param $dw i32) (result i32)
    (local $q i32)
    (local.set $q (i32.div_u (local.get $t) (local.get $cin)))
    (i32.shl
      (i32.add
        (i32.mul
          (i32.add
            (i32.mul (i32.mul (i32.div_u (local.get $q) (local.get $fw)) (local.get $dh)) (local.get $wp))
            (i32.mul (i32.rem_u (local.get $q) (local.get $fw)) (local.get $dw)))
          (local.get $cin))
        (i32.rem_u (local.get $t) (local.get $cin)))
      (i32.const 2))
  )

  ;; ReLU's gradient over `count` floats: out = dy · step(x), where step(x) is 1 for x > 0, NaN
  ;; for a NaN x and 0 otherwise, exactly as TF.js's composition mul(dy, cast(step(x))) computes
  ;; it (so −0 for a negative dy at x ≤ 0, and NaN for an infinite one).
  (func (export "reluGrad")
    (param $dy i32) (param $x i32) (param $out i32) (param $count i32)
    (local $bytes i32) (local $vectorBytes i32) (local $i i32) (local $v v128) (local $s f32)
    (local.set $bytes (i32.shl (local.get $count) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $bytes) (i32.const -16)))
    (block $vectorsDone (loop $vectors
      (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $vectorBytes)))
      (local.set $v (v128.load (i32.add (local.get $x) (local.get $i))))
      (v128.store (i32.add (local.get $out) (local.get $i))
        (f32x4.mul (v128.load (i32.add (local.get $dy) (local.get $i)))
          (v128.bitselect (local.get $v)
            (v128.and (f32x4.gt (local.get $v) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1))
            (f32x4.ne (local.get $v) (local.get $v)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vectors)))
    (block $floatsDone (loop $floats
      (br_if $floatsDone (i32.ge_u (local.get $i) (local.get $bytes)))
      (local.set $s (f32.load (i32.add (local.get $x) (local.get $i))))
      (f32.store (i32.add (local.get $out) (local.get $i))
        (f32.mul (f32.load (i32.add (local.get $dy) (local.get $i)))
          (select (f32.const 1)
            (select (local.get $s) (f32.const 0) (f32.ne (local.get $s) (local.get $s)))
            (f32.gt (local.get $s) (f32.const 0)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $floats)))
  )

  ;; count floats of 0 from address d.
  (func $zero (param $d i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $d) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $floats
      (br_if $done (i32.ge_u (local.get $d) (local.get $end)))
      (f32.store (local.get $d) (f32.const 0))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $floats)))
  )

  ;; The transposed im2col matrix of images [n0, n1) of NHWC x, written at dst (see
  ;; im2colTransposed in _conv_impl.ts, whose loop this is): row (kh·fw + kw)·cin + ci, column
  ;; ((n − n0)·oh + y)·ow + x holds x[n, y·sh + kh·dh − pt, x·sw + kw·dw − pl, ci], or 0 in the
  ;; padding. Scalar, but without a JavaScript typed array's bounds checks; a one-channel,
  ;; stride-1 input copies four floats at a time.
  (func (export "im2colTransposed")
    (param $x i32) (param $dst i32) (param $n0 i32) (param $n1 i32)
    (param $h i32) (param $w i32) (param $cin i32) (param $oh i32) (param $ow i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $dh i32) (param $dw i32)
    (param $pt i32) (param $pl i32)
    (local $colsBytes i32) (local $stepBytes i32) (local $n i32) (local $y i32) (local $kh i32)
    (local $kw i32) (local $ci i32) (local $ih i32) (local $inside i32) (local $xRow i32)
    (local $colBytes i32) (local $lo i32) (local $hi i32) (local $a i32) (local $d i32)
    (local $s i32) (local $end i32) (local $owBytes i32)
    (local.set $colsBytes (i32.shl (i32.mul (i32.mul (i32.sub (local.get $n1) (local.get $n0)) (local.get $oh)) (local.get $ow)) (i32.const 2)))
    (local.set $stepBytes (i32.shl (i32.mul (local.get $sw) (local.get $cin)) (i32.const 2)))
    (local.set $owBytes (i32.shl (local.get $ow) (i32.const 2)))
    (local.set $n (local.get $n0))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $n) (local.get $n1)))
      (local.set $y (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $oh)))
        (local.set $colBytes (i32.shl (i32.mul (i32.add (i32.mul (i32.sub (local.get $n) (local.get $n0)) (local.get $oh)) (local.get $y)) (local.get $ow)) (i32.const 2)))
        (local.set $kh (i32.const 0))
        (block $khDone (loop $khs
          (br_if $khDone (i32.ge_u (local.get $kh) (local.get $fh)))
          (local.set $ih (i32.sub (i32.add (i32.mul (local.get $y) (local.get $sh)) (i32.mul (local.get $kh) (local.get $dh))) (local.get $pt)))
          (local.set $inside (i32.and (i32.ge_s (local.get $ih) (i32.const 0)) (i32.lt_s (local.get $ih) (local.get $h))))
          (local.set $xRow (i32.add (local.get $x) (i32.shl (i32.mul (i32.mul (i32.add (i32.mul (local.get $n) (local.get $h)) (local.get $ih)) (local.get $w)) (local.get $cin)) (i32.const 2))))
          (local.set $kw (i32.const 0))
          (block $kwDone (loop $kws
            (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $fw)))
            ;; Output columns [lo, hi) read inside the image: a = pl − kw·dw ≤ x·sw < a + w.
            (local.set $a (i32.sub (local.get $pl) (i32.mul (local.get $kw) (local.get $dw))))
            (local.set $lo (select (i32.const 0)
              (i32.div_s (i32.add (local.get $a) (i32.sub (local.get $sw) (i32.const 1))) (local.get $sw))
              (i32.le_s (local.get $a) (i32.const 0))))
            (if (i32.gt_s (local.get $lo) (local.get $ow)) (then (local.set $lo (local.get $ow))))
            (local.set $a (i32.add (local.get $a) (i32.sub (local.get $w) (i32.const 1))))
            (local.set $hi (select (local.get $lo)
              (i32.add (i32.div_s (local.get $a) (local.get $sw)) (i32.const 1))
              (i32.lt_s (local.get $a) (i32.const 0))))
            (if (i32.gt_s (local.get $hi) (local.get $ow)) (then (local.set $hi (local.get $ow))))
            (if (i32.lt_s (local.get $hi) (local.get $lo)) (then (local.set $hi (local.get $lo))))
            (local.set $ci (i32.const 0))
            (block $ciDone (loop $cis
              (br_if $ciDone (i32.ge_u (local.get $ci) (local.get $cin)))
              (local.set $d (i32.add (i32.add (local.get $dst) (local.get $colBytes))
                (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $fw)) (local.get $kw)) (local.get $cin)) (local.get $ci)) (local.get $colsBytes))))
              ;; Runs are short (an output row): plain loops, not memory.fill/copy, whose calls cost more.
              (if (i32.eqz (local.get $inside))
                (then (call $zero (local.get $d) (local.get $ow)))
                (else
                  (call $zero (local.get $d) (local.get $lo))
                  (call $zero (i32.add (local.get $d) (i32.shl (local.get $hi) (i32.const 2))) (i32.sub (local.get $ow) (local.get $hi)))
                  ;; s: x[n, ih, lo·sw + kw·dw − pl, ci]
                  (local.set $s (i32.add (local.get $xRow) (i32.shl
                    (i32.add (i32.mul (i32.sub (i32.add (i32.mul (local.get $lo) (local.get $sw)) (i32.mul (local.get $kw) (local.get $dw))) (local.get $pl)) (local.get $cin)) (local.get $ci))
                    (i32.const 2))))
                  (local.set $end (i32.add (local.get $d) (i32.shl (local.get $hi) (i32.const 2))))
                  (local.set $d (i32.add (local.get $d) (i32.shl (local.get $lo) (i32.const 2))))
                  (if (i32.eq (local.get $stepBytes) (i32.const 4))
                    (then
                      (block $vectorsDone (loop $vectors
                        (br_if $vectorsDone (i32.gt_u (i32.add (local.get $d) (i32.const 16)) (local.get $end)))
                        (v128.store (local.get $d) (v128.load (local.get $s)))
                        (local.set $s (i32.add (local.get $s) (i32.const 16)))
                        (local.set $d (i32.add (local.get $d) (i32.const 16)))
                        (br $vectors)))))
                  (block $copied (loop $copy
                    (br_if $copied (i32.ge_u (local.get $d) (local.get $end)))
                    (f32.store (local.get $d) (f32.load (local.get $s)))
                    (local.set $s (i32.add (local.get $s) (local.get $stepBytes)))
                    (local.set $d (i32.add (local.get $d) (i32.const 4)))
                    (br $copy)))))
              (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
              (br $cis)))
            (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
            (br $kws)))
          (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
          (br $khs)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $images)))
  )

  ;; dx = 0, then each row (b, oy, ox) of cols, [fh, fw, ci] per row, added at the input pixels
  ;; its window covers (col2im; see col2imAdd in Conv2DBackpropInput.ts, whose loop this is).
  ;; Without dilation a window row's taps inside the image are one contiguous run in both cols and
  ;; dx, added in one go: per-tap bookkeeping cost more than the additions on few channels.
  (func (export "col2imAdd")
    (param $cols i32) (param $dx i32) (param $n i32) (param $h i32) (param $w i32) (param $ci i32)
    (param $oh i32) (param $ow i32) (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32)
    (param $dh i32) (param $dw i32) (param $pt i32) (param $pl i32)
    (local $ciBytes i32) (local $rowBytes i32) (local $b i32) (local $oy i32) (local $ox i32)
    (local $kh i32) (local $kw i32) (local $iy i32) (local $ix i32) (local $x0 i32)
    (local $kwLo i32) (local $kwHi i32) (local $imageRow i32)
    (local.set $ciBytes (i32.shl (local.get $ci) (i32.const 2)))
    (local.set $rowBytes (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (local.get $ciBytes)))
    (memory.fill (local.get $dx) (i32.const 0)
      (i32.mul (i32.mul (i32.mul (local.get $n) (local.get $h)) (local.get $w)) (local.get $ciBytes)))
    (local.set $b (i32.const 0))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $oy (i32.const 0))
      (block $oyDone (loop $oys
        (br_if $oyDone (i32.ge_u (local.get $oy) (local.get $oh)))
        (local.set $ox (i32.const 0))
        (block $oxDone (loop $oxs
          (br_if $oxDone (i32.ge_u (local.get $ox) (local.get $ow)))
          ;; x0: the input column of the window's first tap; [kwLo, kwHi): its taps inside the image.
          (local.set $x0 (i32.sub (i32.mul (local.get $ox) (local.get $sw)) (local.get $pl)))
          (local.set $kwLo (i32.const 0))
          (local.set $kwHi (local.get $fw))
          (if (i32.eq (local.get $dw) (i32.const 1))
            (then
              (if (i32.lt_s (local.get $x0) (i32.const 0)) (then (local.set $kwLo (i32.sub (i32.const 0) (local.get $x0)))))
              (if (i32.gt_s (i32.add (local.get $x0) (local.get $fw)) (local.get $w))
                (then (local.set $kwHi (i32.sub (local.get $w) (local.get $x0)))))))
          (local.set $kh (i32.const 0))
          (block $khDone (loop $khs
            (br_if $khDone (i32.ge_u (local.get $kh) (local.get $fh)))
            (local.set $iy (i32.sub (i32.add (i32.mul (local.get $oy) (local.get $sh)) (i32.mul (local.get $kh) (local.get $dh))) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $iy) (i32.const 0)) (i32.lt_s (local.get $iy) (local.get $h)))
              (then
                (local.set $imageRow (i32.add (local.get $dx)
                  (i32.mul (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h)) (local.get $iy)) (local.get $w)) (local.get $ciBytes))))
                (if (i32.eq (local.get $dw) (i32.const 1))
                  (then
                    (if (i32.lt_s (local.get $kwLo) (local.get $kwHi))
                      (then
                        (call $addRun
                          (i32.add (local.get $imageRow) (i32.mul (i32.add (local.get $x0) (local.get $kwLo)) (local.get $ciBytes)))
                          (i32.add (local.get $cols) (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $fw)) (local.get $kwLo)) (local.get $ciBytes)))
                          (i32.mul (i32.sub (local.get $kwHi) (local.get $kwLo)) (local.get $ciBytes))))))
                  (else
                    (local.set $kw (i32.const 0))
                    (block $kwDone (loop $kws
                      (br_if $kwDone (i32.ge_u (local.get $kw) (local.get $fw)))
                      (local.set $ix (i32.add (local.get $x0) (i32.mul (local.get $kw) (local.get $dw))))
                      (if (i32.and (i32.ge_s (local.get $ix) (i32.const 0)) (i32.lt_s (local.get $ix) (local.get $w)))
                        (then
                          (call $addRun
                            (i32.add (local.get $imageRow) (i32.mul (local.get $ix) (local.get $ciBytes)))
                            (i32.add (local.get $cols) (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $fw)) (local.get $kw)) (local.get $ciBytes)))
                            (local.get $ciBytes))))
                      (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                      (br $kws)))))))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $khs)))
          (local.set $cols (i32.add (local.get $cols) (local.get $rowBytes)))
          (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
          (br $oxs)))
        (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
        (br $oys)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
  )

  ;; Winograd F(2×2, 3×3)'s input transform, V = Bᵀ·d·B for every 4×4 tile of a zero-padded NHWC
  ;; canvas, c channels (a multiple of 4), four at a time. Tile (ty, tx) of image b reads canvas
  ;; rows 2ty … 2ty + 3 and columns 2tx … 2tx + 3 of [n, hp, wp, c] at src; its index t =
  ;; (b·th + ty)·tw + tx, and V's element ξ = 4i + j of it lands at dst + ((ξ·tiles + t)·c + ci)·4,
  ;; so each ξ is a [tiles, c] matrix. Bᵀ·(d0, d1, d2, d3) = (d0 − d2, d1 + d2, d2 − d1, d1 − d3).
  (func (export "winogradInput")
    (param $src i32) (param $dst i32) (param $n i32) (param $hp i32) (param $wp i32) (param $c i32)
    (param $th i32) (param $tw i32) (param $tiles i32)
    (local $cBytes i32) (local $rowBytes i32) (local $step i32) (local $b i32) (local $ty i32) (local $tx i32)
    (local $p i32) (local $q i32) (local $g i32) (local $a i32) (local $o i32)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local $u00 v128) (local $u01 v128) (local $u02 v128) (local $u03 v128) (local $u10 v128) (local $u11 v128) (local $u12 v128) (local $u13 v128) (local $u20 v128) (local $u21 v128) (local $u22 v128) (local $u23 v128) (local $u30 v128) (local $u31 v128) (local $u32 v128) (local $u33 v128)
    (local.set $cBytes (i32.shl (local.get $c) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $wp) (local.get $cBytes)))
    (local.set $step (i32.mul (local.get $tiles) (local.get $cBytes)))
    (local.set $q (local.get $dst))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $ty (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $ty) (local.get $th)))
        (local.set $tx (i32.const 0))
        (block $tilesDone (loop $tilesLoop
          (br_if $tilesDone (i32.ge_u (local.get $tx) (local.get $tw)))
          ;; The tile's top-left pixel.
          (local.set $p (i32.add (local.get $src) (i32.mul (local.get $cBytes)
            (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $hp)) (i32.shl (local.get $ty) (i32.const 1))) (local.get $wp))
              (i32.shl (local.get $tx) (i32.const 1))))))
          (local.set $g (i32.const 0))
          (block $groupsDone (loop $groups
            (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $cBytes)))
            ;; Row 0 of the tile, transformed along its columns.
            (local.set $a (i32.add (i32.add (local.get $p) (local.get $g)) (i32.const 0)))
            (local.set $d0 (v128.load (local.get $a)))
            (local.set $d1 (v128.load (i32.add (local.get $a) (local.get $cBytes))))
            (local.set $d2 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 2) (local.get $cBytes)))))
            (local.set $d3 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 3) (local.get $cBytes)))))
            (local.set $u00 (f32x4.sub (local.get $d0) (local.get $d2)))
            (local.set $u01 (f32x4.add (local.get $d1) (local.get $d2)))
            (local.set $u02 (f32x4.sub (local.get $d2) (local.get $d1)))
            (local.set $u03 (f32x4.sub (local.get $d1) (local.get $d3)))
            ;; Row 1.
            (local.set $a (i32.add (i32.add (local.get $p) (local.get $g)) (i32.mul (i32.const 1) (local.get $rowBytes))))
            (local.set $d0 (v128.load (local.get $a)))
            (local.set $d1 (v128.load (i32.add (local.get $a) (local.get $cBytes))))
            (local.set $d2 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 2) (local.get $cBytes)))))
            (local.set $d3 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 3) (local.get $cBytes)))))
            (local.set $u10 (f32x4.sub (local.get $d0) (local.get $d2)))
            (local.set $u11 (f32x4.add (local.get $d1) (local.get $d2)))
            (local.set $u12 (f32x4.sub (local.get $d2) (local.get $d1)))
            (local.set $u13 (f32x4.sub (local.get $d1) (local.get $d3)))
            ;; Row 2.
            (local.set $a (i32.add (i32.add (local.get $p) (local.get $g)) (i32.mul (i32.const 2) (local.get $rowBytes))))
            (local.set $d0 (v128.load (local.get $a)))
            (local.set $d1 (v128.load (i32.add (local.get $a) (local.get $cBytes))))
            (local.set $d2 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 2) (local.get $cBytes)))))
            (local.set $d3 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 3) (local.get $cBytes)))))
            (local.set $u20 (f32x4.sub (local.get $d0) (local.get $d2)))
            (local.set $u21 (f32x4.add (local.get $d1) (local.get $d2)))
            (local.set $u22 (f32x4.sub (local.get $d2) (local.get $d1)))
            (local.set $u23 (f32x4.sub (local.get $d1) (local.get $d3)))
            ;; Row 3.
            (local.set $a (i32.add (i32.add (local.get $p) (local.get $g)) (i32.mul (i32.const 3) (local.get $rowBytes))))
            (local.set $d0 (v128.load (local.get $a)))
            (local.set $d1 (v128.load (i32.add (local.get $a) (local.get $cBytes))))
            (local.set $d2 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 2) (local.get $cBytes)))))
            (local.set $d3 (v128.load (i32.add (local.get $a) (i32.mul (i32.const 3) (local.get $cBytes)))))
            (local.set $u30 (f32x4.sub (local.get $d0) (local.get $d2)))
            (local.set $u31 (f32x4.add (local.get $d1) (local.get $d2)))
            (local.set $u32 (f32x4.sub (local.get $d2) (local.get $d1)))
            (local.set $u33 (f32x4.sub (local.get $d1) (local.get $d3)))
            ;; Along the rows, storing ξ = 4i + j in order.
            (local.set $o (i32.add (local.get $q) (local.get $g)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u00) (local.get $u20)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u01) (local.get $u21)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u02) (local.get $u22)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u03) (local.get $u23)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $u10) (local.get $u20)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $u11) (local.get $u21)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $u12) (local.get $u22)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $u13) (local.get $u23)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u20) (local.get $u10)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u21) (local.get $u11)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u22) (local.get $u12)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u23) (local.get $u13)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u10) (local.get $u30)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u11) (local.get $u31)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u12) (local.get $u32)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $u13) (local.get $u33)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $groups)))
          (local.set $q (i32.add (local.get $q) (local.get $cBytes)))
          (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
          (br $tilesLoop)))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br $rows)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
  )

  ;; Winograd F(2×2, 3×3)'s output transform, y = Aᵀ·m·A: the inverse of winogradInput's layout.
  ;; m holds 16 matrices [tiles, co] (ξ = 4i + j), co a multiple of 4; tile t = (b·th + ty)·tw + tx
  ;; writes the 2×2 pixels at rows 2ty, 2ty + 1 and columns 2tx, 2tx + 1 of image b of the NHWC
  ;; output [n, oh, ow, co] at y, those inside it. Aᵀ·(m0, m1, m2, m3) = (m0 + m1 + m2, m1 − m2 − m3).
  (func (export "winogradOutput")
    (param $m i32) (param $y i32) (param $n i32) (param $th i32) (param $tw i32) (param $co i32)
    (param $oh i32) (param $ow i32) (param $tiles i32)
    (local $cBytes i32) (local $rowBytes i32) (local $step i32) (local $b i32) (local $ty i32) (local $tx i32)
    (local $p i32) (local $q i32) (local $g i32) (local $o i32) (local $lowerRow i32) (local $rightColumn i32)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $s00 v128) (local $s01 v128) (local $s02 v128) (local $s03 v128) (local $s10 v128) (local $s11 v128) (local $s12 v128) (local $s13 v128)
    (local.set $cBytes (i32.shl (local.get $co) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $ow) (local.get $cBytes)))
    (local.set $step (i32.mul (local.get $tiles) (local.get $cBytes)))
    (local.set $q (local.get $m))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $ty (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $ty) (local.get $th)))
        (local.set $lowerRow (i32.lt_u (i32.add (i32.shl (local.get $ty) (i32.const 1)) (i32.const 1)) (local.get $oh)))
        (local.set $tx (i32.const 0))
        (block $tilesDone (loop $tilesLoop
          (br_if $tilesDone (i32.ge_u (local.get $tx) (local.get $tw)))
          (local.set $rightColumn (i32.lt_u (i32.add (i32.shl (local.get $tx) (i32.const 1)) (i32.const 1)) (local.get $ow)))
          ;; The tile's top-left output pixel.
          (local.set $p (i32.add (local.get $y) (i32.mul (local.get $cBytes)
            (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (i32.shl (local.get $ty) (i32.const 1))) (local.get $ow))
              (i32.shl (local.get $tx) (i32.const 1))))))
          (local.set $g (i32.const 0))
          (block $groupsDone (loop $groups
            (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $cBytes)))
            ;; Column 0 of m (ξ = 0, 4, 8, 12), transformed along its rows.
            (local.set $o (i32.add (i32.add (local.get $q) (local.get $g)) (i32.const 0)))
            (local.set $m0 (v128.load (local.get $o)))
            (local.set $m1 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 4) (local.get $step)))))
            (local.set $m2 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 8) (local.get $step)))))
            (local.set $m3 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 12) (local.get $step)))))
            (local.set $s00 (f32x4.add (f32x4.add (local.get $m0) (local.get $m1)) (local.get $m2)))
            (local.set $s10 (f32x4.sub (f32x4.sub (local.get $m1) (local.get $m2)) (local.get $m3)))
            ;; Column 1 of m (ξ = 1, 5, 9, 13), transformed along its rows.
            (local.set $o (i32.add (i32.add (local.get $q) (local.get $g)) (i32.mul (i32.const 1) (local.get $step))))
            (local.set $m0 (v128.load (local.get $o)))
            (local.set $m1 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 4) (local.get $step)))))
            (local.set $m2 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 8) (local.get $step)))))
            (local.set $m3 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 12) (local.get $step)))))
            (local.set $s01 (f32x4.add (f32x4.add (local.get $m0) (local.get $m1)) (local.get $m2)))
            (local.set $s11 (f32x4.sub (f32x4.sub (local.get $m1) (local.get $m2)) (local.get $m3)))
            ;; Column 2 of m (ξ = 2, 6, 10, 14), transformed along its rows.
            (local.set $o (i32.add (i32.add (local.get $q) (local.get $g)) (i32.mul (i32.const 2) (local.get $step))))
            (local.set $m0 (v128.load (local.get $o)))
            (local.set $m1 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 4) (local.get $step)))))
            (local.set $m2 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 8) (local.get $step)))))
            (local.set $m3 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 12) (local.get $step)))))
            (local.set $s02 (f32x4.add (f32x4.add (local.get $m0) (local.get $m1)) (local.get $m2)))
            (local.set $s12 (f32x4.sub (f32x4.sub (local.get $m1) (local.get $m2)) (local.get $m3)))
            ;; Column 3 of m (ξ = 3, 7, 11, 15), transformed along its rows.
            (local.set $o (i32.add (i32.add (local.get $q) (local.get $g)) (i32.mul (i32.const 3) (local.get $step))))
            (local.set $m0 (v128.load (local.get $o)))
            (local.set $m1 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 4) (local.get $step)))))
            (local.set $m2 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 8) (local.get $step)))))
            (local.set $m3 (v128.load (i32.add (local.get $o) (i32.mul (i32.const 12) (local.get $step)))))
            (local.set $s03 (f32x4.add (f32x4.add (local.get $m0) (local.get $m1)) (local.get $m2)))
            (local.set $s13 (f32x4.sub (f32x4.sub (local.get $m1) (local.get $m2)) (local.get $m3)))
            ;; Along the columns: the 2×2 pixels, those inside the output.
            (v128.store (i32.add (local.get $p) (local.get $g)) (f32x4.add (f32x4.add (local.get $s00) (local.get $s01)) (local.get $s02)))
            (if (local.get $rightColumn) (then (v128.store (i32.add (i32.add (local.get $p) (local.get $g)) (local.get $cBytes)) (f32x4.sub (f32x4.sub (local.get $s01) (local.get $s02)) (local.get $s03)))))
            (if (local.get $lowerRow) (then
              (v128.store (i32.add (i32.add (local.get $p) (local.get $g)) (local.get $rowBytes)) (f32x4.add (f32x4.add (local.get $s10) (local.get $s11)) (local.get $s12)))
              (if (local.get $rightColumn) (then (v128.store (i32.add (i32.add (i32.add (local.get $p) (local.get $g)) (local.get $rowBytes)) (local.get $cBytes)) (f32x4.sub (f32x4.sub (local.get $s11) (local.get $s12)) (local.get $s13)))))
            ))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $groups)))
          (local.set $q (i32.add (local.get $q) (local.get $cBytes)))
          (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
          (br $tilesLoop)))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br $rows)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
  )

  ;; Winograd F(2×2, 3×3)'s filter transform, U = G·g·Gᵀ for a [3, 3, ci, co] filter at f, co a
  ;; multiple of 4: element ξ = 4i + j of (ci, co) lands at u + ((ξ·ci + ci)·co + co)·4, 16
  ;; matrices [ci, co]. G·(g0, g1, g2) = (g0, (g0 + g1 + g2)/2, (g0 − g1 + g2)/2, g2).
  (func (export "winogradFilter")
    (param $f i32) (param $u i32) (param $ci i32) (param $co i32)
    (local $cBytes i32) (local $step i32) (local $end i32) (local $p i32) (local $a i32) (local $o i32)
    (local $k0 v128) (local $k1 v128) (local $k2 v128) (local $half v128)
    (local $t00 v128) (local $t01 v128) (local $t02 v128) (local $t03 v128) (local $t10 v128) (local $t11 v128) (local $t12 v128) (local $t13 v128) (local $t20 v128) (local $t21 v128) (local $t22 v128) (local $t23 v128)
    (local.set $half (f32x4.splat (f32.const 0.5)))
    (local.set $cBytes (i32.shl (local.get $co) (i32.const 2)))
    ;; Both a tap's and a ξ's stride: ci·co floats.
    (local.set $step (i32.mul (local.get $ci) (local.get $cBytes)))
    (local.set $end (i32.add (local.get $f) (local.get $step)))
    (local.set $p (local.get $f))
    (block $done (loop $groups
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      ;; Filter row 0, transformed along its columns.
      (local.set $a (i32.add (local.get $p) (i32.const 0)))
      (local.set $k0 (v128.load (local.get $a)))
      (local.set $k1 (v128.load (i32.add (local.get $a) (local.get $step))))
      (local.set $k2 (v128.load (i32.add (local.get $a) (i32.shl (local.get $step) (i32.const 1)))))
      (local.set $t00 (local.get $k0))
      (local.set $t01 (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $k0) (local.get $k1)) (local.get $k2))))
      (local.set $t02 (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $k0) (local.get $k1)) (local.get $k2))))
      (local.set $t03 (local.get $k2))
      ;; Filter row 1, transformed along its columns.
      (local.set $a (i32.add (local.get $p) (i32.mul (i32.const 3) (local.get $step))))
      (local.set $k0 (v128.load (local.get $a)))
      (local.set $k1 (v128.load (i32.add (local.get $a) (local.get $step))))
      (local.set $k2 (v128.load (i32.add (local.get $a) (i32.shl (local.get $step) (i32.const 1)))))
      (local.set $t10 (local.get $k0))
      (local.set $t11 (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $k0) (local.get $k1)) (local.get $k2))))
      (local.set $t12 (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $k0) (local.get $k1)) (local.get $k2))))
      (local.set $t13 (local.get $k2))
      ;; Filter row 2, transformed along its columns.
      (local.set $a (i32.add (local.get $p) (i32.mul (i32.const 6) (local.get $step))))
      (local.set $k0 (v128.load (local.get $a)))
      (local.set $k1 (v128.load (i32.add (local.get $a) (local.get $step))))
      (local.set $k2 (v128.load (i32.add (local.get $a) (i32.shl (local.get $step) (i32.const 1)))))
      (local.set $t20 (local.get $k0))
      (local.set $t21 (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $k0) (local.get $k1)) (local.get $k2))))
      (local.set $t22 (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $k0) (local.get $k1)) (local.get $k2))))
      (local.set $t23 (local.get $k2))
      ;; Along the rows, storing ξ = 4i + j in order.
      (local.set $o (i32.add (local.get $u) (i32.sub (local.get $p) (local.get $f))))
      (v128.store (local.get $o) (local.get $t00))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t01))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t02))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t03))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $t00) (local.get $t10)) (local.get $t20))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $t01) (local.get $t11)) (local.get $t21))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $t02) (local.get $t12)) (local.get $t22))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.add (local.get $t03) (local.get $t13)) (local.get $t23))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $t00) (local.get $t10)) (local.get $t20))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $t01) (local.get $t11)) (local.get $t21))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $t02) (local.get $t12)) (local.get $t22))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (f32x4.mul (local.get $half) (f32x4.add (f32x4.sub (local.get $t03) (local.get $t13)) (local.get $t23))))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t20))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t21))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t22))
      (local.set $o (i32.add (local.get $o) (local.get $step)))
      (v128.store (local.get $o) (local.get $t23))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $groups)))
  )

  ;; Winograd F(2×2, 3×3)'s transform of an output gradient, D = A·dY·Aᵀ for every 2×2 tile of
  ;; NHWC dy [n, oh, ow, co] at src (co a multiple of 4), pixels outside dy read as 0: the filter
  ;; gradient's other factor, laid out as winogradInput's (ξ = 4i + j of tile t at
  ;; dst + ((ξ·tiles + t)·co + co)·4). A·(a, b) = (a, a + b, a − b, −b).
  (func (export "winogradOutputGrad")
    (param $src i32) (param $dst i32) (param $n i32) (param $oh i32) (param $ow i32) (param $co i32)
    (param $th i32) (param $tw i32) (param $tiles i32)
    (local $cBytes i32) (local $rowBytes i32) (local $step i32) (local $b i32) (local $ty i32) (local $tx i32)
    (local $p i32) (local $q i32) (local $g i32) (local $o i32) (local $lowerRow i32) (local $rightColumn i32)
    (local $y00 v128) (local $y01 v128) (local $y10 v128) (local $y11 v128)
    (local $r0 v128) (local $r1 v128)
    (local $e00 v128) (local $e01 v128) (local $e10 v128) (local $e11 v128) (local $e20 v128) (local $e21 v128) (local $e30 v128) (local $e31 v128)
    (local.set $cBytes (i32.shl (local.get $co) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $ow) (local.get $cBytes)))
    (local.set $step (i32.mul (local.get $tiles) (local.get $cBytes)))
    (local.set $q (local.get $dst))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $ty (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $ty) (local.get $th)))
        (local.set $lowerRow (i32.lt_u (i32.add (i32.shl (local.get $ty) (i32.const 1)) (i32.const 1)) (local.get $oh)))
        (local.set $tx (i32.const 0))
        (block $tilesDone (loop $tilesLoop
          (br_if $tilesDone (i32.ge_u (local.get $tx) (local.get $tw)))
          (local.set $rightColumn (i32.lt_u (i32.add (i32.shl (local.get $tx) (i32.const 1)) (i32.const 1)) (local.get $ow)))
          ;; The tile's top-left pixel of dy.
          (local.set $p (i32.add (local.get $src) (i32.mul (local.get $cBytes)
            (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (i32.shl (local.get $ty) (i32.const 1))) (local.get $ow))
              (i32.shl (local.get $tx) (i32.const 1))))))
          (local.set $g (i32.const 0))
          (block $groupsDone (loop $groups
            (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $cBytes)))
            (local.set $o (i32.add (local.get $p) (local.get $g)))
            (local.set $y00 (v128.load (local.get $o)))
            (local.set $y01 (v128.const i32x4 0 0 0 0))
            (local.set $y10 (v128.const i32x4 0 0 0 0))
            (local.set $y11 (v128.const i32x4 0 0 0 0))
            (if (local.get $rightColumn) (then (local.set $y01 (v128.load (i32.add (local.get $o) (local.get $cBytes))))))
            (if (local.get $lowerRow) (then
              (local.set $y10 (v128.load (i32.add (local.get $o) (local.get $rowBytes))))
              (if (local.get $rightColumn) (then
                (local.set $y11 (v128.load (i32.add (i32.add (local.get $o) (local.get $rowBytes)) (local.get $cBytes))))))))
            ;; A·dY: four rows of two.
            (local.set $e00 (local.get $y00))
            (local.set $e01 (local.get $y01))
            (local.set $e10 (f32x4.add (local.get $y00) (local.get $y10)))
            (local.set $e11 (f32x4.add (local.get $y01) (local.get $y11)))
            (local.set $e20 (f32x4.sub (local.get $y00) (local.get $y10)))
            (local.set $e21 (f32x4.sub (local.get $y01) (local.get $y11)))
            (local.set $e30 (f32x4.neg (local.get $y10)))
            (local.set $e31 (f32x4.neg (local.get $y11)))
            ;; ·Aᵀ along each row, storing ξ = 4i + j in order.
            (local.set $o (i32.add (local.get $q) (local.get $g)))
            (v128.store (local.get $o) (local.get $e00))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $e00) (local.get $e01)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $e00) (local.get $e01)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.neg (local.get $e01)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (local.get $e10))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $e10) (local.get $e11)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $e10) (local.get $e11)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.neg (local.get $e11)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (local.get $e20))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $e20) (local.get $e21)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $e20) (local.get $e21)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.neg (local.get $e21)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (local.get $e30))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.add (local.get $e30) (local.get $e31)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.sub (local.get $e30) (local.get $e31)))
            (local.set $o (i32.add (local.get $o) (local.get $step)))
            (v128.store (local.get $o) (f32x4.neg (local.get $e31)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $groups)))
          (local.set $q (i32.add (local.get $q) (local.get $cBytes)))
          (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
          (br $tilesLoop)))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br $rows)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
  )

;; A stride-1, undilated correlation onto few output channels: the input gradient of a
  ;; convolution whose input has few channels (the narrow way in Conv2DBackpropInput.ts).
  ;; out[b, y, x, c] = Σ over kh < fh, kw < fw, o < cin of in[b, y − top + kh, x + kw, o] ·
  ;; w[c, kh, kw, o], where rows outside in add nothing. in: [n, ih, iw, cin], cin a multiple of
  ;; 4, padded by the caller so that every column x + kw lies inside (iw ≥ ow + fw − 1); w: [cout,
  ;; fh, fw, cin]; out: [n, oh, ow, cout], ow ≥ pixels. For one pixel, channel and kh, the fw taps
  ;; are one contiguous run in both in and w, so each sum is fh long dot products. Four run at once:
  ;; `pixels` (1, 2 or 4) neighbouring pixels times 4 / pixels channels (cout a multiple of that),
  ;; so each load feeds several products, and each in two accumulators, even and odd vectors, so
  ;; the additions do not wait on each other. A row's last group moves left to end at the row's
  ;; end, computing some pixels twice rather than any past it.
  (func (export "narrowConv")
    (param $in i32) (param $w i32) (param $out i32)
    (param $n i32) (param $ih i32) (param $iw i32) (param $cin i32)
    (param $oh i32) (param $ow i32) (param $cout i32)
    (param $fh i32) (param $fw i32) (param $top i32) (param $pixels i32)
    (local $group i32) (local $cinB i32) (local $wChannelB i32) (local $bytes i32) (local $b i32) (local $y i32)
    (local $x i32) (local $cg i32) (local $y0 i32) (local $khLo i32) (local $khHi i32) (local $kh i32)
    (local $rowIn i32) (local $o i32) (local $dst i32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $w3 i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $acc4 v128) (local $acc5 v128) (local $acc6 v128) (local $acc7 v128)
    (local $v v128) (local $d v128) (local $u v128) (local $u1 v128) (local $sums v128)
    (local.set $group (i32.div_u (i32.const 4) (local.get $pixels)))
    (local.set $cinB (i32.shl (local.get $cin) (i32.const 2)))
    (local.set $bytes (i32.mul (local.get $fw) (local.get $cinB)))
    (local.set $wChannelB (i32.mul (local.get $fh) (local.get $bytes)))
    (local.set $b (i32.const 0))
    (block $imagesDone (loop $images
      (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $y (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $oh)))
        ;; [khLo, khHi): the filter rows that land inside in for this output row.
        (local.set $y0 (i32.sub (local.get $y) (local.get $top)))
        (local.set $khLo (select (i32.sub (i32.const 0) (local.get $y0)) (i32.const 0) (i32.lt_s (local.get $y0) (i32.const 0))))
        (local.set $khHi (i32.sub (local.get $ih) (local.get $y0)))
        (if (i32.gt_s (local.get $khHi) (local.get $fh)) (then (local.set $khHi (local.get $fh))))
        (local.set $x (i32.const 0))
        (block $groupsDone (loop $groups
          (br_if $groupsDone (i32.ge_u (local.get $x) (local.get $ow)))
          (if (i32.gt_u (i32.add (local.get $x) (local.get $pixels)) (local.get $ow))
            (then (local.set $x (i32.sub (local.get $ow) (local.get $pixels)))))
          (local.set $cg (i32.const 0))
          (block $channelsDone (loop $channels
            (br_if $channelsDone (i32.ge_u (local.get $cg) (local.get $cout)))
            (local.set $acc0 (v128.const i32x4 0 0 0 0))
            (local.set $acc1 (v128.const i32x4 0 0 0 0))
            (local.set $acc2 (v128.const i32x4 0 0 0 0))
            (local.set $acc3 (v128.const i32x4 0 0 0 0))
            (local.set $acc4 (v128.const i32x4 0 0 0 0))
            (local.set $acc5 (v128.const i32x4 0 0 0 0))
            (local.set $acc6 (v128.const i32x4 0 0 0 0))
            (local.set $acc7 (v128.const i32x4 0 0 0 0))
            (local.set $kh (local.get $khLo))
            (block $khDone (loop $khs
              (br_if $khDone (i32.ge_s (local.get $kh) (local.get $khHi)))
              (local.set $i0 (i32.add (local.get $in) (i32.mul
                (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $ih)) (i32.add (local.get $y0) (local.get $kh))) (local.get $iw)) (local.get $x))
                (local.get $cinB))))
              (local.set $i1 (i32.add (local.get $i0) (local.get $cinB)))
              (local.set $i2 (i32.add (local.get $i1) (local.get $cinB)))
              (local.set $i3 (i32.add (local.get $i2) (local.get $cinB)))
              (local.set $w0 (i32.add (local.get $w)
                (i32.add (i32.mul (local.get $cg) (local.get $wChannelB)) (i32.mul (local.get $kh) (local.get $bytes)))))
              (local.set $w1 (i32.add (local.get $w0) (local.get $wChannelB)))
              (local.set $w2 (i32.add (local.get $w1) (local.get $wChannelB)))
              (local.set $w3 (i32.add (local.get $w2) (local.get $wChannelB)))
              (local.set $o (i32.const 0))
              (if (i32.eq (local.get $pixels) (i32.const 1))
                (then
                  (block $pairsDone (loop $pairs
                      (br_if $pairsDone (i32.gt_u (i32.add (local.get $o) (i32.const 32)) (local.get $bytes)))
                      (local.set $v (v128.load (i32.add (local.get $i0) (local.get $o))))
                      (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w0) (local.get $o))))))
                      (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w1) (local.get $o))))))
                      (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w2) (local.get $o))))))
                      (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w3) (local.get $o))))))
                      (local.set $v (v128.load offset=16 (i32.add (local.get $i0) (local.get $o))))
                      (local.set $acc4 (f32x4.add (local.get $acc4) (f32x4.mul (local.get $v) (v128.load offset=16 (i32.add (local.get $w0) (local.get $o))))))
                      (local.set $acc5 (f32x4.add (local.get $acc5) (f32x4.mul (local.get $v) (v128.load offset=16 (i32.add (local.get $w1) (local.get $o))))))
                      (local.set $acc6 (f32x4.add (local.get $acc6) (f32x4.mul (local.get $v) (v128.load offset=16 (i32.add (local.get $w2) (local.get $o))))))
                      (local.set $acc7 (f32x4.add (local.get $acc7) (f32x4.mul (local.get $v) (v128.load offset=16 (i32.add (local.get $w3) (local.get $o))))))
                      (local.set $o (i32.add (local.get $o) (i32.const 32)))
                      (br $pairs)))
                    (if (i32.lt_u (local.get $o) (local.get $bytes))
                      (then
                        (local.set $v (v128.load (i32.add (local.get $i0) (local.get $o))))
                        (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w0) (local.get $o))))))
                        (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w1) (local.get $o))))))
                        (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w2) (local.get $o))))))
                        (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (local.get $v) (v128.load (i32.add (local.get $w3) (local.get $o)))))))))
                (else (if (i32.eq (local.get $pixels) (i32.const 2))
                  (then
                    (block $pairsDone (loop $pairs
                      (br_if $pairsDone (i32.gt_u (i32.add (local.get $o) (i32.const 32)) (local.get $bytes)))
                      (local.set $v (v128.load (i32.add (local.get $i0) (local.get $o))))
                      (local.set $d (v128.load (i32.add (local.get $i1) (local.get $o))))
                      (local.set $u (v128.load (i32.add (local.get $w0) (local.get $o))))
                      (local.set $u1 (v128.load (i32.add (local.get $w1) (local.get $o))))
                      (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $v) (local.get $u))))
                      (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $v) (local.get $u1))))
                      (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $d) (local.get $u))))
                      (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (local.get $d) (local.get $u1))))
                      (local.set $v (v128.load offset=16 (i32.add (local.get $i0) (local.get $o))))
                      (local.set $d (v128.load offset=16 (i32.add (local.get $i1) (local.get $o))))
                      (local.set $u (v128.load offset=16 (i32.add (local.get $w0) (local.get $o))))
                      (local.set $u1 (v128.load offset=16 (i32.add (local.get $w1) (local.get $o))))
                      (local.set $acc4 (f32x4.add (local.get $acc4) (f32x4.mul (local.get $v) (local.get $u))))
                      (local.set $acc5 (f32x4.add (local.get $acc5) (f32x4.mul (local.get $v) (local.get $u1))))
                      (local.set $acc6 (f32x4.add (local.get $acc6) (f32x4.mul (local.get $d) (local.get $u))))
                      (local.set $acc7 (f32x4.add (local.get $acc7) (f32x4.mul (local.get $d) (local.get $u1))))
                      (local.set $o (i32.add (local.get $o) (i32.const 32)))
                      (br $pairs)))
                    (if (i32.lt_u (local.get $o) (local.get $bytes))
                      (then
                        (local.set $v (v128.load (i32.add (local.get $i0) (local.get $o))))
                        (local.set $d (v128.load (i32.add (local.get $i1) (local.get $o))))
                        (local.set $u (v128.load (i32.add (local.get $w0) (local.get $o))))
                        (local.set $u1 (v128.load (i32.add (local.get $w1) (local.get $o))))
                        (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $v) (local.get $u))))
                        (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $v) (local.get $u1))))
                        (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $d) (local.get $u))))
                        (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (local.get $d) (local.get $u1)))))))
                  (else
                    (block $pairsDone (loop $pairs
                      (br_if $pairsDone (i32.gt_u (i32.add (local.get $o) (i32.const 32)) (local.get $bytes)))
                      (local.set $u (v128.load (i32.add (local.get $w0) (local.get $o))))
                      (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (i32.add (local.get $i0) (local.get $o))) (local.get $u))))
                      (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (v128.load (i32.add (local.get $i1) (local.get $o))) (local.get $u))))
                      (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (v128.load (i32.add (local.get $i2) (local.get $o))) (local.get $u))))
                      (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (v128.load (i32.add (local.get $i3) (local.get $o))) (local.get $u))))
                      (local.set $u (v128.load offset=16 (i32.add (local.get $w0) (local.get $o))))
                      (local.set $acc4 (f32x4.add (local.get $acc4) (f32x4.mul (v128.load offset=16 (i32.add (local.get $i0) (local.get $o))) (local.get $u))))
                      (local.set $acc5 (f32x4.add (local.get $acc5) (f32x4.mul (v128.load offset=16 (i32.add (local.get $i1) (local.get $o))) (local.get $u))))
                      (local.set $acc6 (f32x4.add (local.get $acc6) (f32x4.mul (v128.load offset=16 (i32.add (local.get $i2) (local.get $o))) (local.get $u))))
                      (local.set $acc7 (f32x4.add (local.get $acc7) (f32x4.mul (v128.load offset=16 (i32.add (local.get $i3) (local.get $o))) (local.get $u))))
                      (local.set $o (i32.add (local.get $o) (i32.const 32)))
                      (br $pairs)))
                    (if (i32.lt_u (local.get $o) (local.get $bytes))
                      (then
                        (local.set $u (v128.load (i32.add (local.get $w0) (local.get $o))))
                        (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (i32.add (local.get $i0) (local.get $o))) (local.get $u))))
                        (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (v128.load (i32.add (local.get $i1) (local.get $o))) (local.get $u))))
                        (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (v128.load (i32.add (local.get $i2) (local.get $o))) (local.get $u))))
                        (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (v128.load (i32.add (local.get $i3) (local.get $o))) (local.get $u))))))))))
              (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
              (br $khs)))
            ;; Stream j = p·group + c is pixel x + p, channel cg + c.
            (local.set $sums (call $sum4
              (f32x4.add (local.get $acc0) (local.get $acc4)) (f32x4.add (local.get $acc1) (local.get $acc5))
              (f32x4.add (local.get $acc2) (local.get $acc6)) (f32x4.add (local.get $acc3) (local.get $acc7))))
            (local.set $dst (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $oh)) (local.get $y)) (local.get $ow)) (local.get $x)) (local.get $cout)) (local.get $cg)) (i32.const 2))))
            (if (i32.eq (local.get $group) (local.get $cout))
              (then (v128.store (local.get $dst) (local.get $sums)))
              (else
                (f32.store (i32.add (local.get $dst) (i32.shl (i32.add
                    (i32.mul (i32.div_u (i32.const 0) (local.get $group)) (local.get $cout))
                    (i32.rem_u (i32.const 0) (local.get $group))) (i32.const 2)))
                  (f32x4.extract_lane 0 (local.get $sums)))
                (f32.store (i32.add (local.get $dst) (i32.shl (i32.add
                    (i32.mul (i32.div_u (i32.const 1) (local.get $group)) (local.get $cout))
                    (i32.rem_u (i32.const 1) (local.get $group))) (i32.const 2)))
                  (f32x4.extract_lane 1 (local.get $sums)))
                (f32.store (i32.add (local.get $dst) (i32.shl (i32.add
                    (i32.mul (i32.div_u (i32.const 2) (local.get $group)) (local.get $cout))
                    (i32.rem_u (i32.const 2) (local.get $group))) (i32.const 2)))
                  (f32x4.extract_lane 2 (local.get $sums)))
                (f32.store (i32.add (local.get $dst) (i32.shl (i32.add
                    (i32.mul (i32.div_u (i32.const 3) (local.get $group)) (local.get $cout))
                    (i32.rem_u (i32.const 3) (local.get $group))) (i32.const 2)))
                  (f32x4.extract_lane 3 (local.get $sums)))))
            (local.set $cg (i32.add (local.get $cg) (local.get $group)))
            (br $channels)))
          (local.set $x (i32.add (local.get $x) (local.get $pixels)))
          (br $groups)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $images)))
  )

;; Each of `rows` rows of w pixels × c channels at src, put on a zero row of wp pixels at dst
  ;; starting at pixel `left` (0 ≤ left ≤ wp − w): horizontal padding in one pass.
  (func (export "padColumns")
    (param $src i32) (param $dst i32) (param $rows i32) (param $w i32) (param $c i32) (param $left i32) (param $wp i32)
    (local $r i32) (local $leftB i32) (local $rowB i32) (local $rightB i32) (local $pRowB i32)
    (local.set $leftB (i32.shl (i32.mul (local.get $left) (local.get $c)) (i32.const 2)))
    (local.set $rowB (i32.shl (i32.mul (local.get $w) (local.get $c)) (i32.const 2)))
    (local.set $pRowB (i32.shl (i32.mul (local.get $wp) (local.get $c)) (i32.const 2)))
    (local.set $rightB (i32.sub (i32.sub (local.get $pRowB) (local.get $leftB)) (local.get $rowB)))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
      (memory.fill (local.get $dst) (i32.const 0) (local.get $leftB))
      (memory.copy (i32.add (local.get $dst) (local.get $leftB)) (local.get $src) (local.get $rowB))
      (memory.fill (i32.add (i32.add (local.get $dst) (local.get $leftB)) (local.get $rowB)) (i32.const 0) (local.get $rightB))
      (local.set $src (i32.add (local.get $src) (local.get $rowB)))
      (local.set $dst (i32.add (local.get $dst) (local.get $pRowB)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $each)))
  )

  ;; (Σ lanes of a, Σ of b, Σ of c, Σ of d).
  (func $sum4 (param $a v128) (param $b v128) (param $c v128) (param $d v128) (result v128)
    (local $ab v128) (local $cd v128)
    (local.set $ab (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b))))
    (local.set $cd (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c) (local.get $d))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c) (local.get $d))))
    (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $ab) (local.get $cd))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $ab) (local.get $cd)))
  )

  ;; d[i] += s[i] over `bytes` bytes (a multiple of 4): four floats at a time, then one by one.
  (func $addRun (param $d i32) (param $s i32) (param $bytes i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $d) (local.get $bytes)))
    (block $vectorsDone (loop $vectors
      (br_if $vectorsDone (i32.gt_u (i32.add (local.get $d) (i32.const 16)) (local.get $end)))
      (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (v128.load (local.get $s))))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $vectors)))
    (block $floatsDone (loop $floats
      (br_if $floatsDone (i32.ge_u (local.get $d) (local.get $end)))
      (f32.store (local.get $d) (f32.add (f32.load (local.get $d)) (f32.load (local.get $s))))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (local.set $s (i32.add (local.get $s) (i32.const 4)))
      (br $floats)))
  )
)
