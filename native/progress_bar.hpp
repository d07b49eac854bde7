// A one-line progress bar on stderr, drawn only when stderr is a terminal.
#pragma once

#include <string>

namespace tala {

class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar() { finish(); }
  void update(double fraction);  // 0..1; redraws at most once per percent
  void finish();

 private:
  std::string label_;
  bool enabled_;
  int shown_ = -1;
};

}  // namespace tala
