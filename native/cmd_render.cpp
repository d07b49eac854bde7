// `tala render`: a program to a WAV file, offline, as fast as the machine
// goes; with --realtime and --profile it also says how the program would
// fare live and where the time goes.
#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include "cli.hpp"
#include "cli_args.hpp"
#include "cli_limits.hpp"
#include "dsp/samples.hpp"
#include "engine/engine.hpp"
#include "engine/render_plan.hpp"
#include "graph/graph.hpp"
#include "lang/compile.hpp"
#include "pattern/value.hpp"
#include "progress_bar.hpp"
#include "render_report.hpp"
#include "sample_loader.hpp"
#include "thread_pool.hpp"
#include "util/error.hpp"
#include "wav_writer.hpp"

namespace po = boost::program_options;

namespace tala::cli {

namespace {

const char* kHelp =
    "usage: tala render IN.tala|IN.json OUT.wav [options]\n"
    "\n"
    "Renders a program (or a JSON graph) to a WAV file, offline.\n"
    "  --cycles N       length in cycles (default 8)\n"
    "  --seconds S      length in seconds (instead of --cycles)\n"
    "  --rate HZ        sample rate, 8000..384000 (default 48000)\n"
    "  --format F       f32 (default), s24 or s16 (16 and 24 bits with TPDF dither)\n"
    "  --block N        frames per block, 1..8192 (default 128, as in the browser)\n"
    "  --seed N         changes every noise source (default 0)\n"
    "  --samples DIR    a folder of sound folders (Dirt-Samples layout); repeatable\n"
    "  --threads N      threads for independent nodes (default: all cores; 1 = serial)\n"
    "  --max-voices N   polyphony of each voices node (default 4096; the same as --limit voices=N)\n"
    "  --split          one stereo file per output (OUT-out1.wav ...) instead of one multichannel file\n"
    "  --realtime       render block by block as live audio would, and print the block times against\n"
    "                   the real-time budget afterwards\n"
    "  --profile        print the time per node and per stage afterwards\n"
    "  --quiet          no progress bar and no warnings\n"
    "  --limit NAME=VALUE  lower a limit, or raise it up to its maximum; repeatable (tala limits)\n"
    "\n"
    "`out` is stereo; a program with out1..out16 writes every output it uses, in order, as channel\n"
    "pairs of one file. Exit codes: 0 ok, 2 bad input, 1 internal error.\n";

struct Options {
  std::string in, out;
  std::optional<double> cycles, seconds;
  double rate = 48000;
  SampleFormat format = SampleFormat::F32;
  int block = 128;
  std::uint32_t seed = 0;
  std::vector<std::string> samples;
  int threads = 1;
  Limits limits;
  bool split = false, realtime = false, profile = false, quiet = false;
};

int bad(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return kBadInput;
}

// A number as the user would write it: -1, 0.5, 1e+09.
std::string shown(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

// Checks the options; an error line when one is out of range.
std::optional<std::string> read_options(const po::variables_map& vm, Options& o) {
  const auto files = vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() != 2) return "expected IN and OUT.wav (try: tala render --help)";
  o.in = files[0], o.out = files[1];
  if (vm.count("cycles") && vm.count("seconds")) return "--cycles and --seconds exclude each other";
  if (vm.count("cycles")) {
    o.cycles = vm["cycles"].as<double>();
    if (!(*o.cycles > 0 && *o.cycles <= 1e6))
      return "--cycles must be above 0 and at most 1000000 (got " + shown(*o.cycles) + ")";
  }
  if (vm.count("seconds")) {
    o.seconds = vm["seconds"].as<double>();
    if (!(*o.seconds > 0 && *o.seconds <= 86400))
      return "--seconds must be above 0 and at most 86400 (got " + shown(*o.seconds) + ")";
  }
  o.rate = vm["rate"].as<double>();
  if (!(o.rate >= 8000 && o.rate <= 384000)) return "--rate must be in 8000..384000";
  const std::string format = vm["format"].as<std::string>();
  if (format == "f32") {
    o.format = SampleFormat::F32;
  } else if (format == "s24") {
    o.format = SampleFormat::S24;
  } else if (format == "s16") {
    o.format = SampleFormat::S16;
  } else {
    return "--format must be f32, s24 or s16 (got '" + format + "')";
  }
  o.block = vm["block"].as<int>();
  if (o.block < 1 || o.block > 8192) return "--block must be in 1..8192";
  const long long seed = vm["seed"].as<long long>();
  if (seed < 0 || seed > 0xffffffffLL) return "--seed must be in 0..4294967295";
  o.seed = static_cast<std::uint32_t>(seed);
  if (vm.count("samples")) o.samples = vm["samples"].as<std::vector<std::string>>();
  o.threads = vm.count("threads") ? vm["threads"].as<int>()
                                  : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (o.threads < 1 || o.threads > 256) return "--threads must be in 1..256";
  if (vm.count("max-voices")) {
    const long long voices = vm["max-voices"].as<long long>();
    if (voices < 1 || voices > 65536) return "--max-voices must be in 1..65536";
    o.limits.voices = voices;
  }
  o.split = vm.count("split"), o.realtime = vm.count("realtime"), o.profile = vm.count("profile");
  o.quiet = vm.count("quiet");
  return std::nullopt;
}

// The built-in kit plus the folders; a folder's sound replaces the kit's of the same name.
std::optional<std::string> load_samples(const Options& o, SampleBank& bank) {
  for (const auto& dir : o.samples) {
    ProgressBar bar("loading " + dir, !o.quiet);
    const auto report = load_sample_folder(
        dir, o.rate, bank,
        [&](std::size_t done, std::size_t total) {
          bar.update(static_cast<double>(done) / static_cast<double>(total));
        },
        o.limits.sample_seconds);
    bar.finish();
    if (report.loaded == 0 && !report.errors.empty() && report.errors[0].find("not a folder") != std::string::npos) {
      return report.errors[0].substr(7);  // without "error: ", which bad() adds
    }
    if (!o.quiet) {
      for (const auto& e : report.errors) std::cerr << e << "\n";
    }
  }
  return std::nullopt;
}

// The built-in kit under the loaded folders' sounds, for a program that plays
// sounds. Only the kit's sounds a node's definition names are synthesised
// (all of them take 0.1 s): a name is in the text of any pattern that can play
// it, so matching the text finds a superset (bd also matches 808bd's text).
void add_kit(const GraphDef& graph, SampleBank& bank) {
  if (std::none_of(graph.nodes.begin(), graph.nodes.end(), [](const NodeDef& n) { return n.spec->has_pattern; }))
    return;
  const auto named = [&](const std::string& name) {
    if (bank.find(intern(name), 0)) return false;  // a loaded folder's sound of that name wins
    return std::any_of(graph.nodes.begin(), graph.nodes.end(),
                       [&](const NodeDef& n) { return n.definition.find(name) != std::string::npos; });
  };
  const SampleBank kit = builtin_kit_sounds(named);
  for (const auto& sound : kit.sounds()) {
    for (const auto& v : sound.variants) bank.add(*sound.name, v);
  }
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string split_name(const std::string& out, const std::string& output) {
  const std::filesystem::path p(out);
  return (p.parent_path() / (p.stem().string() + "-" + output + p.extension().string())).string();
}

}  // namespace

int render_command(const std::vector<std::string>& args) {
  po::options_description options;
  options.add_options()("cycles", po::value<double>())("seconds", po::value<double>())(
      "rate", po::value<double>()->default_value(48000))("format", po::value<std::string>()->default_value("f32"))(
      "block", po::value<int>()->default_value(128))("seed", po::value<long long>()->default_value(0))(
      "samples", po::value<std::vector<std::string>>())("threads", po::value<int>())(
      "max-voices", po::value<long long>())("split", "")("realtime", "")("profile", "")("quiet", "");
  add_limit_option(options);
  po::variables_map vm;
  if (auto done = parse_args(args, options, "files", "render", kHelp, vm, -1)) return *done;
  Options o;
  if (auto error = read_options(vm, o)) return bad(*error);
  if (auto done = read_limits(vm, o.limits)) return *done;

  std::string source;
  if (!read_file(o.in, source)) return bad(o.in + ": cannot read the file");
  SampleBank bank;
  if (auto error = load_samples(o, bank)) return bad(*error);

  ThreadPool pool(o.threads);
  EngineConfig config;
  config.sample_rate = o.rate;
  config.block_size = o.block;
  config.parallel = o.threads > 1 ? &pool : nullptr;
  Engine engine(config);
  ProgramConfig program_config = engine.program_config();
  program_config.samples = &bank;
  program_config.max_voices = static_cast<std::size_t>(o.limits.voices);
  program_config.block_events = o.limits.events_per_block;
  program_config.seed = o.seed;

  GraphDef graph;
  std::unique_ptr<Program> program;
  try {
    graph = load_graph(graph_of_file(o.in, source, o.limits), o.limits);
    add_kit(graph, bank);
    program = Program::compile(graph, program_config);
  } catch (const Error& e) {
    std::cerr << o.in << ": " << format_error(e, source) << "\n";
    return kBadInput;
  }
  if (o.profile) program->enable_profile(now_seconds);

  const std::vector<std::size_t> used = used_outputs(graph);
  if (used.empty()) return bad(o.in + ": the program has no output (out, out1..out16)");

  const auto frames = render_frames(o.seconds, o.cycles, program->cps().to_double(), o.rate);
  if (frames < 1 || frames > static_cast<std::int64_t>(kMaxRenderSeconds * o.rate)) {
    std::ostringstream length;  // 6 significant digits: 1.92154e+14 s, 0.5 s
    length << static_cast<double>(frames) / o.rate;
    return bad("the render would be " + length.str() + " s long (limit: 1 frame .. 24 hours)");
  }

  // One file, or one per output with --split.
  std::vector<WavWriter> files(o.split ? used.size() : 1);
  for (std::size_t f = 0; f < files.size(); ++f) {
    const std::string path = o.split ? split_name(o.out, output_names()[used[f]]) : o.out;
    const int channels = o.split ? 2 : static_cast<int>(2 * used.size());
    const std::string error = files[f].open(path, channels, static_cast<int>(o.rate), o.format, o.seed);
    if (!error.empty()) return bad(path + ": cannot write the file (" + error + ")");
  }

  engine.submit(std::move(program));
  // Only the outputs up to the last one written are copied out of the engine.
  const int pairs = static_cast<int>(*std::max_element(used.begin(), used.end()) + 1);
  const auto block = static_cast<std::size_t>(o.block);
  // The engine renders 64 blocks into one chunk of planar channels; the files get the chunk interleaved,
  // with --threads above 1 while the next chunk renders: interleaving, encoding and the kernel's copy
  // (a tenth of a 16-output render) then fill the time a thread would wait for the others.
  constexpr std::size_t kChunkBlocks = 64;
  const std::size_t chunk_frames = kChunkBlocks * block;
  const auto channel_count = static_cast<std::size_t>(2 * pairs);
  std::vector<float> rendering(channel_count * chunk_frames), written(rendering.size());
  std::vector<float*> channels(channel_count);      // where the engine writes the next block
  std::vector<const float*> planar(channel_count);  // the chunk being written
  std::vector<float> interleaved(2 * (o.split ? 1 : used.size()) * chunk_frames);
  bool heard = false;       // a sample not zero yet (else the output is silent: a warning)
  std::size_t filled = 0;   // frames in the chunk being rendered
  std::size_t writing = 0;  // frames in the chunk being written
  bool written_ok = true;
  auto write_written = [&] {
    for (std::size_t c = 0; c < channel_count; ++c) planar[c] = written.data() + c * chunk_frames;
    for (std::size_t f = 0; f < files.size(); ++f) {
      const std::size_t first = o.split ? f : 0, count = o.split ? 1 : used.size();
      interleave_outputs(planar.data(), used, first, count, static_cast<int>(writing), interleaved.data());
      const float* begin = interleaved.data();
      const float* end = begin + 2 * count * writing;
      if (!heard) heard = std::any_of(begin, end, [](float x) { return x != 0; });
      if (!files[f].write(interleaved.data(), writing)) return false;
    }
    return true;
  };
  auto job = [&] { written_ok = write_written(); };
  // With threads, the chunk is written by the pool's first idle thread while the next one renders
  // (ThreadPool::post); this waits for it on every way out, before what it uses is gone. With
  // --realtime it is written between two timed blocks instead, not inside one.
  struct Posted {
    ThreadPool& pool;
    bool waiting = false;
    void wait() {
      if (std::exchange(waiting, false)) pool.wait_posted();
    }
    ~Posted() { wait(); }
  } posted{pool};
  auto write_chunk = [&] {
    posted.wait();
    if (!written_ok) return false;
    std::swap(rendering, written);
    writing = filled;
    filled = 0;
    if (o.threads == 1 || o.realtime) return write_written();
    pool.post([](void* j) { (*static_cast<decltype(job)*>(j))(); }, &job);
    posted.waiting = true;
    return true;
  };
  const auto blocks = static_cast<std::size_t>((frames + o.block - 1) / o.block);
  std::vector<double> block_seconds;
  block_seconds.reserve(o.realtime ? blocks : 0);
  ProgressBar bar("rendering", !o.quiet);

  // With --realtime the engine is handed one block at a time, as live audio would be, and each is timed;
  // else a chunk at a time, which lets independent outputs render ahead on their threads (engine.hpp).
  for (std::int64_t rendered = 0; rendered < frames;) {
    const std::int64_t want = o.realtime ? o.block : static_cast<std::int64_t>(chunk_frames - filled);
    const auto n = static_cast<int>(std::min(want, frames - rendered));
    for (std::size_t c = 0; c < channel_count; ++c) channels[c] = rendering.data() + c * chunk_frames + filled;
    const double start = o.realtime ? now_seconds() : 0;
    engine.process(channels.data(), pairs, n);
    if (o.realtime) block_seconds.push_back(now_seconds() - start);
    filled += static_cast<std::size_t>(n);
    rendered += n;
    if (filled == chunk_frames || rendered == frames) {
      if (!write_chunk()) return bad(o.out + ": write failed");
      bar.update(static_cast<double>(rendered) / static_cast<double>(frames));
      if (!o.quiet) {
        for (const auto& e : engine.take_errors()) std::cerr << "warning: " << e << "\n";
      }
    }
  }
  posted.wait();
  if (!written_ok) return bad(o.out + ": write failed");
  bar.finish();
  for (auto& f : files) {
    if (!f.close()) return bad(o.out + ": cannot finish writing the file");
  }
  if (!o.quiet) {
    for (const auto& e : engine.take_errors()) std::cerr << "warning: " << e << "\n";
    if (!heard) std::cerr << "warning: the output is silent\n";
  }
  if (o.realtime) print_realtime_report(std::cout, block_seconds, o.block, o.rate, o.threads);
  if (o.profile) print_profile(std::cout, engine.current()->profile(), blocks, o.rate, o.block);
  return kOk;
}

}  // namespace tala::cli
