// NumberRow: the decimal text of the numbers of the previous CSV row, column by column. Rows of
// timeseries.csv repeat most of their numbers (72 % of the fields of the W1 fleet's file equal
// the one above), and nodes.csv rows of one instant share columns such as the allocatable
// resources; copying kept text costs a few moves, formatting a large number a loop and a call.
// Private to the report layer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>  // std::memcpy

#include "json_text.hpp"

namespace jobsim::report {

template <std::size_t Columns>
class NumberRow {
 public:
  NumberRow() {
    for (Field& field : fields_) field.size = static_cast<std::uint8_t>(put_int(field.text, field.value) - field.text);
  }
  // put writes `value` as column `column`'s number (put_int's text); `out` must have room for
  // kIntBound bytes, all of which may be written.
  char* put(char* out, std::size_t column, std::int64_t value) {
    Field& field = fields_[column];
    if (field.value != value) {
      field.value = value;
      field.size = static_cast<std::uint8_t>(put_int(field.text, value) - field.text);
    }
    std::memcpy(out, field.text, kIntBound);
    return out + field.size;
  }

 private:
  struct Field {
    std::int64_t value = 0;
    std::uint8_t size = 0;
    char text[kIntBound] = {};
  };
  std::array<Field, Columns> fields_;
};

}  // namespace jobsim::report
