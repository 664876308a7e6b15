// Upstream: Go src/text/tabwriter/tabwriter.go (format, writeLines), flags 0, pad char ' '.
#include "jobsim/report/kubectl_tabwriter.hpp"

namespace jobsim::report::kubectl {
namespace {

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++width;  // count UTF-8 lead bytes only
  }
  return width;
}

}  // namespace

void TabWriter::flush() {
  lines_.clear();
  std::size_t start = 0;
  while (start < pending_.size()) {
    std::size_t end = pending_.find('\n', start);
    const bool has_newline = end != std::string::npos;
    if (!has_newline) end = pending_.size();
    Line line;
    std::size_t cell_start = start;
    for (std::size_t i = start; i <= end; ++i) {
      if (i == end || pending_[i] == '\t') {
        std::string text = pending_.substr(cell_start, i - cell_start);
        const std::size_t width = display_width(text);
        line.push_back({std::move(text), width});
        cell_start = i + 1;
      }
    }
    lines_.push_back(std::move(line));
    start = has_newline ? end + 1 : end;
    if (!has_newline) lines_.back().back().text += '\0';  // marker: no newline after this line
  }
  std::vector<std::size_t> widths;
  format(0, lines_.size(), widths);
  pending_.clear();
}

std::string TabWriter::str() {
  flush();
  return out_;
}

// format aligns the column block starting at column widths.size() in lines [line0, line1),
// recursing to the right; a line without a cell in this column ends the block.
std::size_t TabWriter::format(std::size_t line0, std::size_t line1, std::vector<std::size_t>& widths) {
  const std::size_t column = widths.size();
  for (std::size_t row = line0; row < line1; ++row) {
    if (column + 1 >= lines_[row].size()) continue;
    // A cell exists in this column: print the lines above, then measure the block.
    write_lines(line0, row, widths);
    line0 = row;
    std::size_t width = min_width_;
    for (; row < line1; ++row) {
      const Line& line = lines_[row];
      if (column + 1 >= line.size()) break;
      width = std::max(width, line[column].width + padding_);
    }
    widths.push_back(width);
    format(line0, row, widths);
    widths.pop_back();
    line0 = row;
    if (row == line1) return row;
  }
  write_lines(line0, line1, widths);
  return line1;
}

void TabWriter::write_lines(std::size_t line0, std::size_t line1, const std::vector<std::size_t>& widths) {
  for (std::size_t row = line0; row < line1; ++row) {
    const Line& line = lines_[row];
    bool newline = true;
    for (std::size_t j = 0; j < line.size(); ++j) {
      std::string_view text = line[j].text;
      if (!text.empty() && text.back() == '\0') {
        text.remove_suffix(1);
        newline = false;
      }
      out_.append(text);
      if (j < widths.size() && j + 1 < line.size()) out_.append(widths[j] - line[j].width, ' ');
    }
    if (newline) out_ += '\n';
  }
}

}  // namespace jobsim::report::kubectl
