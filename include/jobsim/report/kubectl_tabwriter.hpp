// TabWriter: Go's text/tabwriter elastic tabstops, which kubectl uses for every table
// (`kubectl get`: minwidth 6, tabwidth 4, padding 3, cli-runtime/pkg/printers/tabwriter.go) and
// for describe (minwidth 0, padding 2, kubectl/pkg/describe tabbedString).
// Cells end with '\t'; the text after a line's last tab is not aligned. Adjacent lines that
// have a cell in column k form a block whose cells are padded to the widest cell + padding
// (at least minwidth). A line with fewer cells ends the block. Widths count UTF-8 code points.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jobsim::report::kubectl {

class TabWriter {
 public:
  TabWriter(std::size_t min_width, std::size_t padding) : min_width_(min_width), padding_(padding) {}

  static TabWriter for_get() { return TabWriter(6, 3); }
  static TabWriter for_describe() { return TabWriter(0, 2); }

  // write appends text; lines end with '\n'.
  void write(std::string_view text) { pending_.append(text); }
  // flush formats everything written so far (as Go's Flush: later text starts new blocks).
  void flush();
  // str flushes and returns the formatted text.
  std::string str();

 private:
  struct Cell {
    std::string text;
    std::size_t width = 0;
  };
  using Line = std::vector<Cell>;
  std::size_t format(std::size_t line0, std::size_t line1, std::vector<std::size_t>& widths);
  void write_lines(std::size_t line0, std::size_t line1, const std::vector<std::size_t>& widths);

  std::size_t min_width_;
  std::size_t padding_;
  std::string pending_;
  std::vector<Line> lines_;
  std::string out_;
};

}  // namespace jobsim::report::kubectl
