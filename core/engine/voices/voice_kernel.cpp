// Picks the voice kernel: AVX2 (8 lanes) natively when the CPU has it,
// SIMD128 (4 lanes) in wasm, scalar otherwise or when asked.
#include "engine/voices/voice_kernel.hpp"

namespace tala {

#if defined(__x86_64__)
void render_voices_avx2(VoiceLanes& v, int frames, float* acc_l, float* acc_r);
#endif

namespace {

void render_scalar(VoiceLanes& v, int frames, float* acc_l, float* acc_r) {
  VoiceKernel<1>::render(v, frames, acc_l, acc_r);
}

#if defined(__wasm_simd128__)
void render_simd128(VoiceLanes& v, int frames, float* acc_l, float* acc_r) {
  VoiceKernel<4>::render(v, frames, acc_l, acc_r);
}
#endif

bool wide_available() {
#if defined(__x86_64__)
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
#elif defined(__wasm_simd128__)
  return true;
#else
  return false;
#endif
}

}  // namespace

VoiceKernelFn voice_kernel(bool scalar) {
  if (scalar || !wide_available()) return render_scalar;
#if defined(__x86_64__)
  return render_voices_avx2;
#elif defined(__wasm_simd128__)
  return render_simd128;
#else
  return render_scalar;
#endif
}

const char* voice_kernel_name(bool scalar) {
  if (scalar || !wide_available()) return "scalar";
#if defined(__x86_64__)
  return "avx2";
#else
  return "simd128";
#endif
}

}  // namespace tala
