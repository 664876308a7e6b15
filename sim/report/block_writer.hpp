// BlockWriter: the bounded buffer between the recorder and one output file (events.jsonl,
// timeseries.csv, nodes.csv). Lines are written into one block and the block is written when it
// reaches kBlockSize and at flush: one ostream call per block rather than per line, and memory
// that does not depend on the length of the run. Without a stream nothing is kept: callers ask
// attached() and skip formatting altogether. Private to the report layer.
//
// A line is written in place: reserve(bound) gives room for at least `bound` bytes, the caller
// writes the line there through a raw pointer (json_text.hpp) and passes its end to commit. A
// bound is cheap to compute from the fields' sizes and spares a capacity check per field.
#pragma once

#include <cassert>
#include <cstddef>
#include <memory>  // std::unique_ptr, std::make_unique_for_overwrite
#include <ostream>
#include <string_view>

namespace jobsim::report {

class BlockWriter {
 public:
  static constexpr std::size_t kBlockSize = std::size_t{1} << 16;
  // kLineRoom: room past kBlockSize, so that a line of up to this bound never sends a block out
  // early (a block goes out once it reaches kBlockSize, not before).
  static constexpr std::size_t kLineRoom = std::size_t{1} << 16;

  // attach directs the lines to `out` (nullptr: discard). The stream must outlive the writes.
  void attach(std::ostream* out) {
    out_ = out;
    if (out_ != nullptr && capacity_ == 0) grow(kBlockSize + kLineRoom);
  }
  bool attached() const { return out_ != nullptr; }

  // reserve returns where the next line starts, with room for `bound` bytes after it. Call only
  // when attached().
  char* reserve(std::size_t bound) {
    if (bound > capacity_ - size_) make_room(bound);
    reserved_end_ = buffer_.get() + size_ + bound;
    return buffer_.get() + size_;
  }
  // commit ends the line written from reserve() up to `end`.
  void commit(const char* end) {
    assert(end <= reserved_end_ && "a line outgrew its bound");
    size_ = static_cast<std::size_t>(end - buffer_.get());
    if (size_ >= kBlockSize) flush();
  }
  // write_line appends text made elsewhere (the CSV headers).
  void write_line(std::string_view text) {
    char* out = reserve(text.size());
    commit(text.copy(out, text.size()) + out);
  }
  // flush writes the open block (complete lines only) and empties it.
  void flush() {
    if (out_ != nullptr && size_ != 0) out_->write(buffer_.get(), static_cast<std::streamsize>(size_));
    size_ = 0;
  }

 private:
  // make_room sends the open block out so that a line of `bound` bytes fits, and grows the
  // buffer for a line longer than any before (a long Event message); lines never straddle blocks.
  void make_room(std::size_t bound) {
    flush();
    if (bound > capacity_) grow(bound);
  }
  void grow(std::size_t capacity) {
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity);  // only ever grown when empty
    capacity_ = capacity;
  }

  std::ostream* out_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  const char* reserved_end_ = nullptr;  // for the check in commit
};

}  // namespace jobsim::report
