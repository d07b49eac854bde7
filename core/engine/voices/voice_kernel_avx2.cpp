// The 8-lane instantiation, compiled with -mavx2 (see core/CMakeLists.txt) so
// that it exists even in a build for an older baseline; voice_kernel.cpp only
// calls it when the CPU reports AVX2.
#include "engine/voices/voice_kernel.hpp"

namespace tala {

void render_voices_avx2(VoiceLanes& v, int frames, float* acc_l, float* acc_r) {
  VoiceKernel<8>::render(v, frames, acc_l, acc_r);
}

}  // namespace tala
