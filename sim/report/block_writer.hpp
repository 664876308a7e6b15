// BlockWriter: the bounded buffer between the recorder and one output file (events.jsonl,
// timeseries.csv, nodes.csv). Lines are written into one block and the block is handed to its
// BlockSink when it reaches kBlockSize and at flush: one hand-over per block rather than per
// line, and memory that does not depend on the length of the run. Without an output nothing is
// kept: callers ask attached() and skip formatting altogether. Private to the report layer.
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

#include "jobsim/report/block_sink.hpp"

namespace jobsim::report {

// StreamSink writes each block to a stream on the caller's thread and gives the same buffer back.
class StreamSink final : public BlockSink {
 public:
  explicit StreamSink(std::ostream& out) : out_(out) {}
  Block put(Block full) override {
    out_.write(full.data.get(), static_cast<std::streamsize>(full.size));
    full.size = 0;
    return full;
  }

 private:
  std::ostream& out_;
};

class BlockWriter {
 public:
  static constexpr std::size_t kBlockSize = std::size_t{1} << 16;
  // kLineRoom: room past kBlockSize, so that a line of up to this bound never sends a block out
  // early (a block goes out once it reaches kBlockSize, not before).
  static constexpr std::size_t kLineRoom = std::size_t{1} << 16;

  // attach directs the lines to `output` (empty: discard). Its stream or sink must outlive the
  // writes.
  void attach(const LineOutput& output) {
    stream_sink_.reset();
    if (output.stream != nullptr) stream_sink_ = std::make_unique<StreamSink>(*output.stream);
    sink_ = output.stream != nullptr ? stream_sink_.get() : output.sink;
    if (sink_ != nullptr) ensure_capacity(kBlockSize + kLineRoom);
  }
  bool attached() const { return sink_ != nullptr; }

  // reserve returns where the next line starts, with room for `bound` bytes after it. Call only
  // when attached().
  char* reserve(std::size_t bound) {
    if (bound > block_.capacity - block_.size) make_room(bound);
    reserved_end_ = block_.data.get() + block_.size + bound;
    return block_.data.get() + block_.size;
  }
  // commit ends the line written from reserve() up to `end`.
  void commit(const char* end) {
    assert(end <= reserved_end_ && "a line outgrew its bound");
    block_.size = static_cast<std::size_t>(end - block_.data.get());
    if (block_.size >= kBlockSize) flush();
  }
  // write_line appends text made elsewhere (the CSV headers).
  void write_line(std::string_view text) {
    char* out = reserve(text.size());
    commit(text.copy(out, text.size()) + out);
  }
  // flush hands the open block (complete lines only) to the sink and continues in the empty
  // block the sink gives back.
  void flush() {
    if (sink_ == nullptr || block_.size == 0) return;
    block_ = sink_->put(std::move(block_));
    assert(block_.size == 0);
    ensure_capacity(kBlockSize + kLineRoom);
  }

 private:
  // make_room sends the open block out so that a line of `bound` bytes fits, and grows the
  // buffer for a line longer than any before (a long Event message); lines never straddle blocks.
  void make_room(std::size_t bound) {
    flush();
    ensure_capacity(bound);
  }
  // ensure_capacity replaces an empty block that is too small (a new one from the sink, or one
  // that a longer line outgrew); a block that grew for a long line stays grown.
  void ensure_capacity(std::size_t capacity) {
    if (block_.capacity >= capacity) return;
    block_.data = std::make_unique_for_overwrite<char[]>(capacity);  // only ever when empty
    block_.capacity = capacity;
  }

  BlockSink* sink_ = nullptr;
  std::unique_ptr<StreamSink> stream_sink_;  // when attached to a stream
  Block block_;
  const char* reserved_end_ = nullptr;  // for the check in commit
};

}  // namespace jobsim::report
