// FileWriter: blocks handed over reach their files whole and in the order given, on the
// writer's thread; written blocks come back for reuse; close and the destructor write every
// block handed over; an I/O error is reported by close, naming the file. No test depends on how
// fast the thread runs: every check is made after close or the destructor, which join it.
#include "jobsim/report/file_writer.hpp"

#include <gtest/gtest.h>
#include <unistd.h>  // getpid

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "report/block_writer.hpp"

namespace jobsim::report {
namespace {

namespace fs = std::filesystem;

// A directory of its own per test, removed afterwards.
class FileWriterTest : public ::testing::Test {
 protected:
  FileWriterTest() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("jobsim-file-writer-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~FileWriterTest() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  // fill puts `text` into `block`, allocating it when the sink returned none.
  static Block fill(Block block, const std::string& text) {
    EXPECT_EQ(block.size, 0u);
    if (block.capacity < text.size()) {
      block.data = std::make_unique<char[]>(text.size());
      block.capacity = text.size();
    }
    std::memcpy(block.data.get(), text.data(), text.size());
    block.size = text.size();
    return block;
  }
  BlockSink* open(FileWriter& writer, const std::string& name) {
    std::string error;
    BlockSink* sink = writer.open(dir_ / name, error);
    EXPECT_NE(sink, nullptr) << error;
    return sink;
  }

  fs::path dir_;
};

// Blocks of two files, interleaved, with one block in flight at most (put waits for the thread
// every time): each file gets exactly its blocks, in order.
TEST_F(FileWriterTest, each_file_gets_its_blocks_in_the_order_given) {
  FileWriter writer(1);
  BlockSink* a = open(writer, "a.txt");
  BlockSink* b = open(writer, "b.txt");
  std::string want_a, want_b;
  Block block_a, block_b;
  for (int i = 0; i < 500; ++i) {
    const std::string text_a = "a" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'x') + "\n";
    const std::string text_b = "b" + std::to_string(i) + "\n";
    block_a = a->put(fill(std::move(block_a), text_a));
    block_b = b->put(fill(std::move(block_b), text_b));
    want_a += text_a;
    want_b += text_b;
  }
  EXPECT_TRUE(writer.close().empty());
  EXPECT_EQ(read(dir_ / "a.txt"), want_a);
  EXPECT_EQ(read(dir_ / "b.txt"), want_b);
}

// A writer holds one block per file and at most `blocks_in_flight` are queued or being written,
// so however the threads interleave no more than 3 + 2 blocks are ever allocated.
TEST_F(FileWriterTest, written_blocks_come_back_so_a_steady_run_allocates_none) {
  FileWriter writer(3);
  BlockSink* sinks[] = {open(writer, "a.txt"), open(writer, "b.txt")};
  Block held[2];
  int allocated = 0;
  for (int i = 0; i < 2000; ++i) {
    Block& block = held[i % 2];
    if (block.capacity == 0) ++allocated;
    block = sinks[i % 2]->put(fill(std::move(block), std::string(100, static_cast<char>('a' + i % 2))));
    EXPECT_EQ(block.size, 0u);
  }
  EXPECT_LE(allocated, 3 + 2);
  EXPECT_TRUE(writer.close().empty());
  EXPECT_EQ(read(dir_ / "a.txt"), std::string(100 * 1000, 'a'));
  EXPECT_EQ(read(dir_ / "b.txt"), std::string(100 * 1000, 'b'));
}

// An early exit (an exception unwinding past the writer) still writes every block handed over.
TEST_F(FileWriterTest, the_destructor_writes_every_block_handed_over_and_joins) {
  std::string want;
  {
    FileWriter writer(2);
    BlockSink* sink = open(writer, "a.txt");
    Block block;
    for (int i = 0; i < 100; ++i) {
      const std::string text = std::to_string(i) + "\n";
      block = sink->put(fill(std::move(block), text));
      want += text;
    }
  }
  EXPECT_EQ(read(dir_ / "a.txt"), want);
}

// /dev/full fails every write with ENOSPC: close names that file, the writer keeps taking its
// blocks (the run goes on), and the other file is written whole.
TEST_F(FileWriterTest, a_write_error_is_reported_by_close_naming_the_file) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  FileWriter writer(2);
  std::string error;
  BlockSink* full = writer.open("/dev/full", error);
  ASSERT_NE(full, nullptr) << error;
  BlockSink* fine = open(writer, "fine.txt");
  Block block_full, block_fine;
  for (int i = 0; i < 20; ++i) {
    block_full = full->put(fill(std::move(block_full), "line\n"));
    block_fine = fine->put(fill(std::move(block_fine), "ok\n"));
  }
  const std::vector<std::string> errors = writer.close();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "cannot write /dev/full: " + std::generic_category().message(ENOSPC));
  std::string want_fine;
  for (int i = 0; i < 20; ++i) want_fine += "ok\n";
  EXPECT_EQ(read(dir_ / "fine.txt"), want_fine);
}

TEST_F(FileWriterTest, a_file_that_cannot_be_created_is_named_at_open) {
  FileWriter writer;
  std::string error;
  const fs::path path = dir_ / "missing" / "events.jsonl";
  EXPECT_EQ(writer.open(path, error), nullptr);
  EXPECT_EQ(error, "cannot write " + path.string() + ": " + std::generic_category().message(ENOENT));
  EXPECT_TRUE(writer.close().empty());
}

// The recorder's path: lines through a BlockWriter attached to a FileWriter, including a line
// longer than a block and its room (the block grows), give the same bytes as a stream.
TEST_F(FileWriterTest, block_writer_lines_through_the_thread_equal_those_through_a_stream) {
  std::ostringstream stream;
  BlockWriter to_stream, to_file;
  to_stream.attach(&stream);
  {
    FileWriter writer(2);
    to_file.attach(open(writer, "lines.txt"));
    for (int i = 0; i < 20000; ++i) {
      std::string line = std::to_string(i) + std::string(static_cast<std::size_t>(i % 53), 'y') + "\n";
      if (i == 7000) line = std::string(3 * BlockWriter::kBlockSize, 'L') + "\n";
      to_stream.write_line(line);
      to_file.write_line(line);
    }
    to_stream.flush();
    to_file.flush();
    EXPECT_TRUE(writer.close().empty());
  }
  EXPECT_GT(stream.str().size(), 4 * BlockWriter::kBlockSize);
  EXPECT_EQ(read(dir_ / "lines.txt"), stream.str());
}

}  // namespace
}  // namespace jobsim::report
