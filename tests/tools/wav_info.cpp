// Prints what the render tests check of a WAV file, read back with
// libsndfile: "channels rate frames format peak" (format: f32, s24 or s16).
#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: wav_info FILE.wav\n");
    return 2;
  }
  SF_INFO info{};
  SNDFILE* f = sf_open(argv[1], SFM_READ, &info);
  if (!f) {
    std::fprintf(stderr, "error: %s: %s\n", argv[1], sf_strerror(nullptr));
    return 1;
  }
  const int sub = info.format & SF_FORMAT_SUBMASK;
  const char* format = sub == SF_FORMAT_FLOAT    ? "f32"
                       : sub == SF_FORMAT_PCM_24 ? "s24"
                       : sub == SF_FORMAT_PCM_16 ? "s16"
                                                 : "other";
  std::vector<float> buf(4096 * static_cast<std::size_t>(info.channels));
  float peak = 0;
  for (sf_count_t n; (n = sf_readf_float(f, buf.data(), 4096)) > 0;) {
    for (sf_count_t i = 0; i < n * info.channels; ++i)
      peak = std::fmax(peak, std::fabs(buf[static_cast<std::size_t>(i)]));
  }
  sf_close(f);
  std::printf("%d %d %lld %s %.4f\n", info.channels, info.samplerate, static_cast<long long>(info.frames), format,
              peak);
  return 0;
}
