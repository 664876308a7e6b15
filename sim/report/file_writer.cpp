// FileWriter (file_writer.hpp): the queue between the simulation's thread and the writer
// thread. POSIX write(2) on a file descriptor per file: a block is one call (or a few, when the
// kernel takes part of it), with no stream buffer to copy through.
#include "jobsim/report/file_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

#include "jobsim/engine/check.hpp"

namespace jobsim::report {

class FileWriter::Sink final : public BlockSink {
 public:
  Sink(FileWriter& writer, File& file) : writer_(writer), file_(file) {}
  Block put(Block full) override { return writer_.put(file_, std::move(full)); }

 private:
  FileWriter& writer_;
  File& file_;
};

// File: written by the thread (error) and read by close() after the join, which orders them.
struct FileWriter::File {
  File(FileWriter& writer, std::filesystem::path file_path, int file_fd)
      : path(std::move(file_path)), fd(file_fd), sink(writer, *this) {}

  // write_all writes the block, or keeps the first error and ignores the file's later blocks.
  void write_all(const Block& block) {
    const char* data = block.data.get();
    std::size_t left = block.size;
    while (left != 0 && error.empty()) {
      const ssize_t written = ::write(fd, data, left);
      if (written >= 0) {
        data += written;
        left -= static_cast<std::size_t>(written);
      } else if (errno != EINTR) {
        fail(errno);
      }
    }
  }
  void fail(int code) {
    if (error.empty()) error = "cannot write " + path.string() + ": " + std::generic_category().message(code);
  }

  std::filesystem::path path;
  int fd;
  std::string error;
  Sink sink;
};

FileWriter::FileWriter(std::size_t blocks_in_flight)
    : limit_(blocks_in_flight == 0 ? 1 : blocks_in_flight), ring_(limit_), thread_([this] { run(); }) {}

FileWriter::~FileWriter() { close(); }

BlockSink* FileWriter::open(const std::filesystem::path& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    error = "cannot write " + path.string() + ": " + std::generic_category().message(errno);
    return nullptr;
  }
  files_.push_back(std::make_unique<File>(*this, path, fd));
  {
    // Every block there can be: those in flight and one held per file (see put).
    const std::lock_guard lock(mutex_);
    free_.reserve(limit_ + files_.size());
  }
  return &files_.back()->sink;
}

// put queues `full` once fewer than limit_ blocks are in flight and returns a written block,
// or an empty Block when none is back yet (the caller allocates it: only until the blocks in
// flight reach the limit, so a steady run allocates none).
Block FileWriter::put(File& file, Block full) {
  std::unique_lock lock(mutex_);
  JOBSIM_CHECK(!stopping_, "FileWriter: a block handed over after close");
  space_.wait(lock, [this] { return in_flight_ < limit_; });
  ring_[(head_ + queued_) % limit_] = Job{.file = &file, .block = std::move(full)};
  ++queued_;
  ++in_flight_;
  Block next;
  if (!free_.empty()) {
    next = std::move(free_.back());
    free_.pop_back();
  }
  lock.unlock();
  work_.notify_one();
  return next;
}

void FileWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    work_.wait(lock, [this] { return queued_ != 0 || stopping_; });
    if (queued_ == 0) return;  // stopping, and every block is written
    Job job = std::move(ring_[head_]);
    head_ = (head_ + 1) % limit_;
    --queued_;
    lock.unlock();
    job.file->write_all(job.block);
    job.block.size = 0;
    lock.lock();
    free_.push_back(std::move(job.block));
    --in_flight_;
    space_.notify_one();
  }
}

std::vector<std::string> FileWriter::close() {
  if (thread_.joinable()) {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_.notify_one();
    thread_.join();
  }
  std::vector<std::string> errors;
  for (const std::unique_ptr<File>& file : files_) {
    if (file->fd >= 0 && ::close(file->fd) != 0) file->fail(errno);  // NFS reports some write errors here
    file->fd = -1;
    if (!file->error.empty()) errors.push_back(file->error);
  }
  return errors;
}

}  // namespace jobsim::report
