#include "kubectl_cells.hpp"

#include "jobsim/report/kubectl_tables.hpp"
#include "jobsim/report/kubectl_tabwriter.hpp"

namespace jobsim::report::kubectl {

std::pair<std::string, std::string> container_cells(const std::vector<api::Container>& containers) {
  std::string names;
  std::string images;
  for (std::size_t i = 0; i < containers.size(); ++i) {
    if (i != 0) {
      names += ',';
      images += ',';
    }
    names += containers[i].name;
    images += containers[i].image;
  }
  return {names, images};
}

// Upstream: apimachinery/pkg/apis/meta/v1/helpers.go FormatLabelSelector (matchLabels only:
// jobsim's selectors have no matchExpressions). Requirements print sorted by key.
std::string format_label_selector(const std::optional<api::LabelSelector>& selector) {
  std::string text;
  if (selector) {
    for (const auto& [key, value] : selector->match_labels) {  // std::map: sorted by key
      if (!text.empty()) text += ',';
      text += key + "=" + value;
    }
  }
  return text.empty() ? "<none>" : text;
}

// Upstream: cli-runtime/pkg/printers/tableprinter.go printTable: cells joined by tabs, header
// upper case, through the get tabwriter.
std::string render_table(const Table& table) {
  TabWriter writer = TabWriter::for_get();
  auto write_row = [&writer](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i != 0) writer.write("\t");
      writer.write(cells[i]);
    }
    writer.write("\n");
  };
  write_row(table.columns);
  for (const auto& row : table.rows) write_row(row);
  return writer.str();
}

}  // namespace jobsim::report::kubectl
