// BlockWriter: the bounded buffer between the recorder and one output file (events.jsonl,
// timeseries.csv, nodes.csv). Lines are appended to one block and the block is written when it
// reaches kBlockSize and at flush: one ostream call per block rather than per line, and memory
// that does not depend on the length of the run. Without a stream nothing is kept: callers ask
// attached() and skip formatting altogether. Private to the report layer.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace jobsim::report {

class BlockWriter {
 public:
  static constexpr std::size_t kBlockSize = std::size_t{1} << 16;

  // attach directs the lines to `out` (nullptr: discard). The stream must outlive the writes.
  void attach(std::ostream* out) {
    out_ = out;
    if (out_ != nullptr) buffer_.reserve(kBlockSize + 4096);  // one line past the threshold
  }
  bool attached() const { return out_ != nullptr; }

  // line: the open block; append whole lines to it, then call line_done.
  std::string& line() { return buffer_; }
  void line_done() {
    if (buffer_.size() >= kBlockSize) flush();
  }
  // flush writes the open block (complete lines only) and empties it.
  void flush() {
    if (out_ != nullptr && !buffer_.empty()) out_->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

 private:
  std::ostream* out_ = nullptr;
  std::string buffer_;
};

}  // namespace jobsim::report
