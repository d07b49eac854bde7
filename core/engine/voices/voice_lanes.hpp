// Voice storage as structure of arrays: one array per field, one lane per
// voice, so that the kernel reads 8 (AVX2) or 4 (SIMD128) voices' fields with
// one load. Lanes [0, count) are voices; the rest of the last batch of 8 is
// kept inert (silent, reading a two-frame buffer of zeros).
//
// A voices node has room for thousands of lanes, but most programs sound a
// few: the arrays are left uninitialised and each batch is made inert when
// the first voice enters it, so compiling a program (on every edit) touches
// only the memory its voices use. A batch entered for the first time may
// cost the audio thread a page fault, never an allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace tala {

// The sound source of a lane. Synth shapes first, in dsp::Waveform's order.
enum class VoiceKind : std::int32_t { Sine, Saw, Square, Triangle, Sample };

class VoiceLanes {
 public:
  static constexpr int kBatch = 8;  // lanes the kernel takes at a time, on every path

  enum FloatField : int {
    Level,        // envelope level 0..1
    Hold,         // frames at full level left before the release
    Start,        // frame of this block at which it starts (sample-accurate onset)
    AttackStep,   // rise per frame up to 1,
    DecayStep,    // then fall per frame down to
    Sustain,      // this level,
    ReleaseStep,  // then fall per frame, set when the release begins
    InvRelease,   // 1 / release frames
    GainL,        // level and equal-power pan
    GainR,
    Frac,      // samples: fraction of the read position; synths: phase 0..1
    StepFrac,  // its increase per frame (0..1)
    LowG,      // per-voice low-pass (TPT state variable): tan(pi fc / rate), 0 = off
    LowK,      // damping
    LowA,      // 1 / (1 + g (g + k))
    LowS1L,    // filter memory, two per channel
    LowS2L,
    LowS1R,
    LowS2R,
    HighG,  // per-voice high-pass, the same
    HighK,
    HighA,
    HighS1L,
    HighS2L,
    HighS1R,
    HighS2R,
    ShapeK,      // waveshaper amount (0: off)
    CrushSteps,  // bit crusher steps per unit (0: off)
    kFloatFields
  };
  enum IntField : int {
    Kind,   // VoiceKind
    Alive,  // masks: all ones or zero
    Releasing,
    Peaked,
    Index,    // samples: whole part of the read position
    StepInt,  // its increase per frame (floor of the speed; may be negative)
    Low,      // samples: it plays while Low <= Index < High
    High,     //   (so Index + 1 is always a frame of the sample)
    Cut,      // its cut group (0: none); the kernel never reads it
    kIntFields
  };

  struct Book {  // what the control side needs: stealing
    bool stolen;
  };

  explicit VoiceLanes(std::size_t capacity);

  std::size_t count() const { return count_; }
  std::size_t capacity() const { return capacity_; }
  float* f(FloatField field) { return floats_.get() + static_cast<std::size_t>(field) * capacity_; }
  std::int32_t* i(IntField field) { return ints_.get() + static_cast<std::size_t>(field) * capacity_; }
  // Samples: each lane's channels (the same array twice for a mono sample);
  // saw, square and triangle: the wavetable in lefts.
  const float** lefts() { return lefts_.get(); }
  const float** rights() { return rights_.get(); }
  Book* book() { return book_.get(); }

  // A new lane at the end, inert until its fields are set; capacity must remain.
  std::size_t push() {
    if (count_ == ready_) {  // the first voice of a batch never used before
      make_inert(ready_, ready_ + kBatch);
      ready_ += kBatch;
    }
    return count_++;
  }
  // Moves the last lane into `lane` and makes the last one inert.
  void remove(std::size_t lane);

 private:
  void make_inert(std::size_t from, std::size_t to);  // lanes [from, to): silent, reading silence

  std::size_t capacity_;  // a multiple of kBatch
  std::size_t count_ = 0;
  std::size_t ready_ = 0;  // lanes [0, ready_) are initialised: whole batches
  std::unique_ptr<float[]> floats_;
  std::unique_ptr<std::int32_t[]> ints_;
  std::unique_ptr<const float*[]> lefts_, rights_;
  std::unique_ptr<Book[]> book_;
};

}  // namespace tala
