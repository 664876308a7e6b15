// Block, BlockSink and LineOutput: how the line outputs (events.jsonl, timeseries.csv,
// nodes.csv) leave the recorder. The recorder formats lines into a block and hands the whole
// block over when it is full (or at a flush); the sink gives back an empty block to fill next.
// Handing blocks over, rather than writing their bytes to a stream, is what lets a sink write on
// another thread (FileWriter) without a copy: the recorder never touches a block it gave away.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <memory>

namespace jobsim::report {

// Block: a buffer of `capacity` bytes of which the first `size` are complete lines.
struct Block {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  std::size_t size = 0;
};

// BlockSink: the destination of one output's blocks, in the order given.
class BlockSink {
 public:
  virtual ~BlockSink() = default;
  // put takes `full` (size > 0) and returns an empty block (size 0) for the next lines: a
  // recycled one, or one of capacity 0 that the caller allocates. May wait while the sink is
  // behind. Must not throw for an I/O error: the sink keeps it and reports it when closed.
  virtual Block put(Block full) = 0;
};

// LineOutput: where one line output goes. A stream is written on the simulation's thread, a
// block at a time (tests, benchmarks); a sink takes the blocks themselves (the CLI's FileWriter).
// Neither: the output is not made, and no line of it is formatted.
struct LineOutput {
  LineOutput() = default;
  LineOutput(std::ostream* to_stream) : stream(to_stream) {}  // NOLINT(google-explicit-constructor): `.events_jsonl = &out`
  LineOutput(BlockSink* to_sink) : sink(to_sink) {}     // NOLINT(google-explicit-constructor)
  bool empty() const { return stream == nullptr && sink == nullptr; }

  std::ostream* stream = nullptr;
  BlockSink* sink = nullptr;
};

}  // namespace jobsim::report
