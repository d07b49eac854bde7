// What the first bytes of a sample file say, read before (or after) libsndfile
// for the files whose trouble it reports badly. Load time only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tala {

// Whether a file named .mp3 starts like MPEG audio: after an ID3v2 tag, if
// any, a whole frame and, where the file goes on, the next frame's header
// right after it. libsndfile hands any .mp3 it does not recognise to libmpg123,
// which prints "Note: ..." lines of its own on stderr while it hunts for
// frames, then fails with an unrelated message; such a file is refused before.
bool starts_like_mp3(const std::string& path);

// Whether a file starts with the magic of a container libsndfile reads by its
// content whatever the name (RIFF/RF64 WAV, FLAC, Ogg, AIFF): a WAV saved as
// .mp3 still loads.
bool starts_like_container(const std::string& path);

// The sample rate in a RIFF/WAVE file's 'fmt ' chunk (within its first 4 KiB),
// for when libsndfile refuses the file: it says "SF_INFO struct incomplete"
// for a rate of 0.
std::optional<std::uint32_t> wav_header_rate(const std::string& path);

}  // namespace tala
