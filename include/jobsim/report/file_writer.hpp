// FileWriter: writes the line outputs' blocks to their files on a thread of its own, so that
// handing 1.67 GB to the kernel (a week of the W1 fleet) is not paid on the simulation's thread
// (docs/performance.md, "the cost of writing outputs"). One thread per run, not per file; a small
// bounded queue of full blocks in order; written blocks come back as the empty blocks that
// BlockSink::put returns, so a steady run allocates no block.
//
// The thread changes when bytes reach the disk, never what they are or their order within a
// file. An I/O error (disk full, EIO) stops writes to that file and is kept for close(), which
// names the file; the simulation goes on. Not for the simulation's model: only the CLI uses it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobsim/report/block_sink.hpp"

namespace jobsim::report {

class FileWriter {
 public:
  // blocks_in_flight: full blocks queued or being written before put waits for the thread.
  explicit FileWriter(std::size_t blocks_in_flight = 6);
  // Writes every block already handed over, closes the files and joins the thread: an early
  // exit (an exception, a partial run) loses no block. Errors are lost here; call close().
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // open creates or truncates `path` and returns the sink of its blocks, valid until this
  // FileWriter is destroyed; or nullptr with `error` set to "cannot write PATH: reason".
  BlockSink* open(const std::filesystem::path& path, std::string& error);

  // close waits until every block handed over is written, closes the files and joins the
  // thread. Returns one "cannot write PATH: reason" per failed file, in the order opened; empty
  // when every byte was written. Call once, after the last put.
  std::vector<std::string> close();

 private:
  struct File;
  struct Job {
    File* file = nullptr;
    Block block;
  };
  class Sink;

  Block put(File& file, Block full);
  void run();

  std::size_t limit_;
  std::vector<std::unique_ptr<File>> files_;

  std::mutex mutex_;  // guards everything below
  std::condition_variable work_;   // the thread waits for a job or for stopping_
  std::condition_variable space_;  // put waits for in_flight_ below limit_
  std::vector<Job> ring_;          // limit_ slots: the queued jobs, oldest at head_
  std::size_t head_ = 0;
  std::size_t queued_ = 0;
  std::size_t in_flight_ = 0;  // queued plus the one being written
  std::vector<Block> free_;    // written blocks, emptied, for put to return
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace jobsim::report
