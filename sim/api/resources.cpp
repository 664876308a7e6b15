// Quantity parsing follows k8s.io/apimachinery/pkg/api/resource/quantity.go for the forms
// manifests use; exotic forms (e.g. "1e3m") are rejected with a clear error by the loader.
#include "jobsim/api/resources.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace jobsim::api {
namespace {

struct Number {
  long double value = 0;
  std::string_view suffix;
};

std::optional<Number> split_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::size_t end = 0;
  if (text[end] == '+' || text[end] == '-') ++end;
  bool digits = false;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) {
    digits = digits || text[end] != '.';
    ++end;
  }
  if (!digits) return std::nullopt;
  // Exponent form "1e9" / "1E9" (only when followed by digits; "E" alone is exa).
  if (end + 1 < text.size() && (text[end] == 'e' || text[end] == 'E') &&
      (std::isdigit(static_cast<unsigned char>(text[end + 1])) != 0 || text[end + 1] == '-' || text[end + 1] == '+')) {
    std::size_t exp_end = end + 1;
    if (text[exp_end] == '-' || text[exp_end] == '+') ++exp_end;
    while (exp_end < text.size() && std::isdigit(static_cast<unsigned char>(text[exp_end])) != 0) ++exp_end;
    end = exp_end;
  }
  const std::string number(text.substr(0, end));
  char* parsed_end = nullptr;
  const long double value = std::strtold(number.c_str(), &parsed_end);
  if (parsed_end != number.c_str() + number.size()) return std::nullopt;
  return Number{value, text.substr(end)};
}

std::optional<long double> multiplier(std::string_view suffix) {
  if (suffix.empty()) return 1.0L;
  if (suffix == "m") return 1e-3L;
  if (suffix == "k") return 1e3L;
  if (suffix == "M") return 1e6L;
  if (suffix == "G") return 1e9L;
  if (suffix == "T") return 1e12L;
  if (suffix == "P") return 1e15L;
  if (suffix == "E") return 1e18L;
  if (suffix == "Ki") return 1024.0L;
  if (suffix == "Mi") return 1024.0L * 1024;
  if (suffix == "Gi") return 1024.0L * 1024 * 1024;
  if (suffix == "Ti") return 1024.0L * 1024 * 1024 * 1024;
  if (suffix == "Pi") return 1024.0L * 1024 * 1024 * 1024 * 1024;
  if (suffix == "Ei") return 1024.0L * 1024 * 1024 * 1024 * 1024 * 1024;
  return std::nullopt;
}

std::optional<long double> parse_quantity(std::string_view text) {
  const auto number = split_number(text);
  if (!number || number->value < 0) return std::nullopt;
  const auto factor = multiplier(number->suffix);
  if (!factor) return std::nullopt;
  return number->value * *factor;
}

}  // namespace

std::optional<std::int64_t> parse_cpu_millis(std::string_view text) {
  const auto cores = parse_quantity(text);
  if (!cores || *cores > 9e15L) return std::nullopt;
  return static_cast<std::int64_t>(std::ceil(*cores * 1000.0L - 1e-9L));
}

std::optional<std::int64_t> parse_memory_bytes(std::string_view text) {
  const auto bytes = parse_quantity(text);
  if (!bytes || *bytes > 9e18L) return std::nullopt;
  return static_cast<std::int64_t>(std::ceil(*bytes - 1e-9L));
}

std::string format_cpu(std::int64_t millis) {
  if (millis % 1000 == 0) return std::to_string(millis / 1000);
  return std::to_string(millis) + "m";
}

std::string format_memory(std::int64_t bytes) {
  static constexpr std::pair<std::int64_t, const char*> kUnits[] = {
      {1LL << 50, "Pi"}, {1LL << 40, "Ti"}, {1LL << 30, "Gi"}, {1LL << 20, "Mi"}, {1LL << 10, "Ki"}};
  if (bytes == 0) return "0";
  for (const auto& [size, suffix] : kUnits) {
    if (bytes % size == 0) return std::to_string(bytes / size) + suffix;
  }
  return std::to_string(bytes);
}

}  // namespace jobsim::api
