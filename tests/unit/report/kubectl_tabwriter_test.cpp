// Go text/tabwriter semantics that kubectl's output depends on (src/text/tabwriter).
#include <gtest/gtest.h>

#include "jobsim/report/kubectl_tabwriter.hpp"

namespace jobsim::report::kubectl {
namespace {

TEST(TabWriter, a_line_without_the_column_ends_the_block) {
  TabWriter writer = TabWriter::for_describe();
  writer.write("Name:\tx\nLong Label:\ty\nPod Template:\n  Labels:\tz\n");
  EXPECT_EQ(writer.str(), "Name:        x\nLong Label:  y\nPod Template:\n  Labels:  z\n");
}

TEST(TabWriter, min_width_and_empty_cells) {
  TabWriter writer = TabWriter::for_get();
  writer.write("A\tB\tC\n\tbb\tc\n");
  EXPECT_EQ(writer.str(), "A     B     C\n      bb    c\n");
}

TEST(TabWriter, flush_starts_new_blocks) {
  TabWriter writer = TabWriter::for_describe();
  writer.write("Very long label:\tx\n");
  writer.flush();
  writer.write("a:\ty\n");
  EXPECT_EQ(writer.str(), "Very long label:  x\na:  y\n");
}

}  // namespace
}  // namespace jobsim::report::kubectl
